"""Check digits of Norwegian organisation numbers (MOD11) and Danish CVR numbers."""

import pytest

from app.companies.orgnumber import is_valid_dk, is_valid_no, no_check_digit, normalise

# Published numbers: Equinor ASA, DNB Bank ASA, Telenor ASA, Brønnøysundregistrene.
REAL_NO = ["923609016", "984851006", "982463718", "974760673"]
# Published CVR numbers: Novo Nordisk A/S, A.P. Møller - Mærsk A/S, LEGO A/S, Carlsberg A/S.
REAL_DK = ["24256790", "22756214", "54562519", "61056416"]


@pytest.mark.parametrize("number", REAL_NO)
def test_real_norwegian_numbers_pass(number):
    assert is_valid_no(number)


@pytest.mark.parametrize("number", REAL_DK)
def test_real_danish_cvr_numbers_pass(number):
    assert is_valid_dk(number)


@pytest.mark.parametrize("number", REAL_NO)
def test_every_other_last_digit_fails_in_norway(number):
    for digit in "0123456789":
        if digit != number[-1]:
            assert not is_valid_no(number[:-1] + digit)


@pytest.mark.parametrize("number", REAL_DK)
def test_every_other_last_digit_fails_in_denmark(number):
    for digit in "0123456789":
        if digit != number[-1]:
            assert not is_valid_dk(number[:-1] + digit)


@pytest.mark.parametrize(
    "number",
    ["92360901", "9236090160", "92360901a", "", "923 609 016", "932609016", "923609061"],
)
def test_near_misses_fail_in_norway(number):
    assert not is_valid_no(number)


@pytest.mark.parametrize("number", ["2425679", "242567900", "24256709", "42256790", "0000000a"])
def test_near_misses_fail_in_denmark(number):
    assert not is_valid_dk(number)


def test_remainder_one_has_no_check_digit():
    # 8 digits whose weighted sum leaves 1: no valid organisation number starts with them.
    first8 = next(
        f"{n:08d}" for n in range(91000000, 91000100) if no_check_digit(f"{n:08d}") is None
    )
    assert all(not is_valid_no(first8 + d) for d in "0123456789")


def test_a_danish_number_is_not_a_norwegian_one():
    assert not is_valid_no("24256790")
    assert not is_valid_dk("923609016")


@pytest.mark.parametrize(
    ("typed", "clean"),
    [
        ("923 609 016", "923609016"),
        ("NO 923609016 MVA", "923609016"),
        ("DK-24256790", "24256790"),
        ("923.609.016", "923609016"),
    ],
)
def test_what_people_type_is_normalised(typed, clean):
    assert normalise(typed) == clean
