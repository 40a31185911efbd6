"""crypto.encrypt_many builds Fernet tokens in batches: they must be exactly the library's tokens."""

import base64

from cryptography.fernet import Fernet
from django.test import override_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from grassroots.core import crypto


def test_it_makes_the_token_fernet_makes_from_the_same_iv_and_time(monkeypatch):
    key = Fernet.generate_key()
    values = ["220302199001011234", "", "a" * 15, "b" * 16, "c" * 17, "证件号码" * 9]
    ivs = [bytes([n]) * 16 for n in range(len(values))]
    # encrypt_many draws every IV of a length group at once, in the values' order within the group.
    groups: dict[int, list[int]] = {}
    for i, v in enumerate(values):
        groups.setdefault(len(v.encode()) // 16 + 1, []).append(i)
    draws = iter([b"".join(ivs[i] for i in indexes) for indexes in groups.values()])
    monkeypatch.setattr(crypto.os, "urandom", lambda n: next(draws))
    monkeypatch.setattr(crypto.time, "time", lambda: 1_790_000_000.5)
    with override_settings(FIELD_ENCRYPTION_KEYS=[key.decode()]):
        tokens = crypto.encrypt_many(values)
    reference = Fernet(key)
    expected = [
        reference._encrypt_from_parts(v.encode(), 1_790_000_000, iv).decode()
        for v, iv in zip(values, ivs, strict=True)
    ]
    assert tokens == expected


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=70), max_size=40))
def test_it_round_trips_through_decrypt_and_plain_fernet(values):
    tokens = crypto.encrypt_many(values)
    assert [crypto.decrypt(t) for t in tokens] == values
    assert len(set(tokens)) == len(tokens)  # a fresh IV per value, equal values included
    key = crypto._newest_key()
    assert [Fernet(base64.urlsafe_b64encode(key)).decrypt(t.encode()).decode() for t in tokens] == values


def test_it_encrypts_with_the_newest_key_while_older_ones_still_decrypt():
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(FIELD_ENCRYPTION_KEYS=[old]):
        before = crypto.encrypt("220302199001011234")
    with override_settings(FIELD_ENCRYPTION_KEYS=[new, old]):
        (after,) = crypto.encrypt_many(["220302199001011234"])
        assert crypto.decrypt(before) == crypto.decrypt(after) == "220302199001011234"
    assert Fernet(new.encode()).decrypt(after.encode()) == b"220302199001011234"


def test_its_digester_gives_the_digest():
    digest = crypto.digester()
    assert [digest(v) for v in ["", "X123", "220302199001011234"]] == [
        crypto.digest(v) for v in ["", "X123", "220302199001011234"]
    ]
