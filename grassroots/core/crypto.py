"""Personal data at rest: Fernet encryption, a keyed digest for lookups, and masking for display.

Keys come from settings: FIELD_ENCRYPTION_KEYS (newest first; older keys still decrypt, so a new
key can be put in front and rows re-encrypted at leisure) and FIELD_DIGEST_KEY. When unset, both
are derived from SECRET_KEY so a fresh clone works; production sets its own.
"""

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

__all__ = ["InvalidToken", "decrypt", "digest", "encrypt", "mask"]


def _derived(purpose: str) -> bytes:
    return hashlib.sha256(f"grassroots:{purpose}:{settings.SECRET_KEY}".encode()).digest()


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...], secret: str) -> MultiFernet:
    if not keys:
        keys = (base64.urlsafe_b64encode(_derived("field-encryption")).decode(),)
    return MultiFernet([Fernet(k.strip().encode()) for k in keys])


def _cipher() -> MultiFernet:
    # Keyed on the settings' values so tests that override them get a matching cipher.
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS), settings.SECRET_KEY)


@lru_cache(maxsize=4)
def _digest_key(configured: str, secret: str) -> bytes:
    return configured.encode() if configured else _derived("field-digest")


def encrypt(value: str) -> str:
    return _cipher().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    """The clear value; raises InvalidToken when no configured key opens it."""
    return _cipher().decrypt(token.encode()).decode()


def digest(value: str) -> str:
    """HMAC-SHA256 of the value: equal values give equal digests, without revealing the value."""
    key = _digest_key(settings.FIELD_DIGEST_KEY, settings.SECRET_KEY)
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def mask(value: str) -> str:
    """220302199001011234 → 220302********1234; shorter numbers keep two characters at each end."""
    n = len(value)
    if n >= 15:
        return value[:6] + "*" * (n - 10) + value[-4:]
    if n > 4:
        return value[:2] + "*" * (n - 4) + value[-2:]
    return "*" * n
