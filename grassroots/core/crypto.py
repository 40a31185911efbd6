"""Personal data at rest: Fernet encryption, a keyed digest for lookups, and masking for display.

Keys come from settings: FIELD_ENCRYPTION_KEYS (newest first; older keys still decrypt, so a new
key can be put in front and rows re-encrypted at leisure) and FIELD_DIGEST_KEY. When unset, both
are derived from SECRET_KEY so a fresh clone works; production sets its own.
"""

import base64
import hashlib
import hmac
import os
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import lru_cache

import numpy as np
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.conf import settings

__all__ = ["InvalidToken", "decrypt", "digest", "digester", "encrypt", "encrypt_many", "mask"]


def _derived(purpose: str) -> bytes:
    return hashlib.sha256(f"grassroots:{purpose}:{settings.SECRET_KEY}".encode()).digest()


def _keys(keys: tuple[str, ...]) -> tuple[str, ...]:
    return keys or (base64.urlsafe_b64encode(_derived("field-encryption")).decode(),)


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...], secret: str) -> MultiFernet:
    return MultiFernet([Fernet(k.strip().encode()) for k in _keys(keys)])


def _cipher() -> MultiFernet:
    # Keyed on the settings' values so tests that override them get a matching cipher.
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS), settings.SECRET_KEY)


def _newest_key() -> bytes:
    """The key `encrypt` uses (the first configured), as Fernet's 32 raw bytes."""
    return base64.urlsafe_b64decode(_keys(tuple(settings.FIELD_ENCRYPTION_KEYS))[0].strip())


@lru_cache(maxsize=4)
def _digest_key(configured: str, secret: str) -> bytes:
    return configured.encode() if configured else _derived("field-digest")


def encrypt(value: str) -> str:
    return _cipher().encrypt(value.encode()).decode()


def encrypt_many(values: Sequence[str]) -> list[str]:
    """`encrypt` for each value, for imports of many rows: the same Fernet tokens (spec version 0x80,
    AES-128-CBC with a random IV per value, PKCS7, HMAC-SHA256), which `decrypt` and any Fernet open.

    Fernet makes a padder, a cipher and an HMAC object for every value, 12 µs each time; here AES runs
    once per block position over the whole batch (CBC chains block to block within a value, never
    across values), which leaves one HMAC and one base64 call per value.
    """
    key = _newest_key()
    keyed, aes = hmac.new(key[:16], digestmod=hashlib.sha256), algorithms.AES(key[16:])
    b64 = base64.urlsafe_b64encode
    stamp = np.frombuffer(b"\x80" + int(time.time()).to_bytes(8, "big"), dtype=np.uint8)
    data = [v.encode() for v in values]
    by_blocks: dict[int, list[int]] = defaultdict(list)
    for i, d in enumerate(data):
        by_blocks[len(d) // 16 + 1].append(i)
    tokens: list[str] = [""] * len(data)
    for blocks, indexes in by_blocks.items():
        n, width = len(indexes), 16 * blocks
        padded = b"".join(
            d + bytes([pad]) * pad for d in (data[i] for i in indexes) for pad in (width - len(d),)
        )
        plain = np.frombuffer(padded, dtype=np.uint8).reshape(n, blocks, 16)
        parts = np.empty((n, 25 + width), dtype=np.uint8)  # version, time, IV, ciphertext
        parts[:, :9] = stamp
        parts[:, 9:25] = np.frombuffer(os.urandom(16 * n), dtype=np.uint8).reshape(n, 16)
        ecb = Cipher(aes, modes.ECB()).encryptor()  # the raw block cipher; the loop below chains it as CBC
        previous = parts[:, 9:25]
        for b in range(blocks):
            mixed = np.bitwise_xor(plain[:, b, :], previous)
            at = 25 + 16 * b
            parts[:, at : at + 16] = np.frombuffer(ecb.update(mixed.tobytes()), dtype=np.uint8).reshape(n, 16)
            previous = parts[:, at : at + 16]
        raw, size = parts.tobytes(), 25 + width
        for row, i in enumerate(indexes):
            part = raw[row * size : (row + 1) * size]
            mac = keyed.copy()
            mac.update(part)
            tokens[i] = b64(part + mac.digest()).decode()
    return tokens


def decrypt(token: str) -> str:
    """The clear value; raises InvalidToken when no configured key opens it."""
    return _cipher().decrypt(token.encode()).decode()


def digest(value: str) -> str:
    """HMAC-SHA256 of the value: equal values give equal digests, without revealing the value."""
    return digester()(value)


def digester() -> Callable[[str], str]:
    """`digest` with the key looked up once, for checking many rows."""
    # Copying a keyed HMAC skips the key set-up that hmac.digest repeats for every value.
    keyed = hmac.new(_digest_key(settings.FIELD_DIGEST_KEY, settings.SECRET_KEY), digestmod=hashlib.sha256)

    def digest(value: str) -> str:
        mac = keyed.copy()
        mac.update(value.encode())
        return mac.hexdigest()

    return digest


def mask(value: str) -> str:
    """220302199001011234 → 220302********1234; shorter numbers keep two characters at each end."""
    n = len(value)
    if n >= 15:
        return value[:6] + "*" * (n - 10) + value[-4:]
    if n > 4:
        return value[:2] + "*" * (n - 4) + value[-2:]
    return "*" * n
