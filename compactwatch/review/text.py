"""Checks on free text people send (notes, comments): no markup, a length limit.

Text is always escaped when shown; refusing markup as well keeps stored text plain and tells the sender
at once, instead of showing their tags back to reviewers as literal text.
"""

from __future__ import annotations

import re

MARKUP = re.compile(r"<\s*[a-zA-Z!/?]|&#?\w+;|javascript:", re.IGNORECASE)


def text_problem(text: str, *, field: str, limit: int) -> str | None:
    """Why `text` is refused for `field`, or None if it is fine."""
    if len(text) > limit:
        return f"the {field} is longer than {limit} characters ({len(text)})"
    if MARKUP.search(text):
        return f"the {field} contains HTML or script; send plain text"
    return None
