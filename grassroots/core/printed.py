"""Signed references printed in QR codes (party building posters, villagers' survey codes).

The same value always signs to the same text, so a page printed again carries the same codes, and
`core.qr` draws each only once. Codes printed before this carried a timestamp that nothing read (they
never expire); they are still accepted.
"""

from typing import Any

from django.core import signing


def printed_token(value: Any, *, salt: str) -> str:
    return signing.Signer(salt=salt).sign_object(value, compress=True)


def printed_value(token: str, *, salt: str) -> Any:
    """The value `token` was signed with under `salt`; signing.BadSignature for anything else."""
    if token.count(":") == 2:  # value:timestamp:signature, as signing.dumps made them
        return signing.loads(token, salt=salt)
    return signing.Signer(salt=salt).unsign_object(token)
