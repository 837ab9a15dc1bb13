#!/usr/bin/env python
"""Django's manage.py; the `compactwatch` command is the same thing under a friendlier name."""

from compactwatch.cli import main

if __name__ == "__main__":
    main()
