"""Cleaning typed text: no control characters, no stray white space."""

import re

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip(value):
    """Drop control characters and the white space around typed text."""
    if not isinstance(value, str):
        return value
    return CONTROL.sub("", value).strip()


def one_line(value):
    """Text for a single line (a name, a mail subject): one space between words."""
    if not isinstance(value, str):
        return value
    return " ".join(CONTROL.sub("", value).split())
