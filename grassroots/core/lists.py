"""Names in a row, joined as the reader's language lists them: 甲、乙 in Chinese, "a, b" in English."""

from collections.abc import Iterable

from django.utils.translation import pgettext


def listed(items: Iterable[object]) -> str:
    return pgettext("list separator", ", ").join(str(i) for i in items)
