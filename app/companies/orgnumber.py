"""Organisation numbers: Norway's MOD11 (9 digits) and Denmark's CVR (8 digits)."""

from __future__ import annotations

import re

NO_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)
DK_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def normalise(value: str) -> str:
    """Drop spaces, dots, dashes and the 'NO'/'DK'/'MVA' decorations people type."""
    value = re.sub(r"(?i)^(no|dk)|mva$", "", (value or "").strip())
    return re.sub(r"[\s.\-]", "", value)


def is_valid_no(number: str) -> bool:
    """True for a Norwegian organisation number: 9 digits, MOD11 check digit last."""
    if not re.fullmatch(r"\d{9}", number):
        return False
    remainder = sum(int(d) * w for d, w in zip(number[:8], NO_WEIGHTS, strict=True)) % 11
    if remainder == 1:
        return False
    check = 0 if remainder == 0 else 11 - remainder
    return check == int(number[8])


def is_valid_dk(number: str) -> bool:
    """True for a Danish CVR number: 8 digits, weighted sum divisible by 11."""
    if not re.fullmatch(r"\d{8}", number) or number[0] == "0":
        return False
    return sum(int(d) * w for d, w in zip(number, DK_WEIGHTS, strict=True)) % 11 == 0


def is_valid(number: str, country: str) -> bool:
    """Check a normalised number against its country's rule."""
    return is_valid_dk(number) if country == "DK" else is_valid_no(number)


def no_check_digit(first8: str) -> int | None:
    """The MOD11 check digit for eight digits, or None when no digit fits."""
    remainder = sum(int(d) * w for d, w in zip(first8, NO_WEIGHTS, strict=True)) % 11
    if remainder == 1:
        return None
    return 0 if remainder == 0 else 11 - remainder
