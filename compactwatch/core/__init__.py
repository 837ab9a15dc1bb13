"""The platform's core: value objects, codelists, methods, rules and formats. No Django imports here."""
