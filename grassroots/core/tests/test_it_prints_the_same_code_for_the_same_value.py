"""Codes printed in QR posters are the same text for the same value, refuse tampering, and those
printed before (with a timestamp) still read."""

import pytest
from django.core import signing

from grassroots.core.printed import printed_token, printed_value

SALT = "tests.printed"


def test_it_signs_a_value_to_the_same_text_every_time() -> None:
    token = printed_token({"c": 3, "v": 41}, salt=SALT)
    assert token == printed_token({"c": 3, "v": 41}, salt=SALT)
    assert printed_value(token, salt=SALT) == {"c": 3, "v": 41}
    assert printed_token({"c": 3, "v": 42}, salt=SALT) != token


def test_it_reads_codes_printed_with_a_timestamp() -> None:
    assert printed_value(signing.dumps(7, salt=SALT), salt=SALT) == 7
    assert printed_value(signing.dumps({"c": 1}, salt=SALT, compress=True), salt=SALT) == {"c": 1}


@pytest.mark.parametrize("tamper", ["salt", "value", "timestamped salt"])
def test_it_refuses_a_code_signed_otherwise(tamper: str) -> None:
    if tamper == "salt":
        token = printed_token(7, salt="another")
    elif tamper == "value":
        value, signature = printed_token(7, salt=SALT).split(":")
        token = f"{value}x:{signature}"
    else:
        token = signing.dumps(7, salt="another")
    with pytest.raises(signing.BadSignature):
        printed_value(token, salt=SALT)
