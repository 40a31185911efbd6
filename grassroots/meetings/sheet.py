"""A decision's sheet as its page shows it: one row form per member, each carrying the values the page
showed (its hidden initials), so a save writes only the rows changed, and a page opened before someone
else's save can be moved onto the sheet as it is now without losing what its recorder typed."""

from collections.abc import Sequence
from typing import Any

from django.http import QueryDict

from grassroots.people.models import Staff

from .forms import OpinionForm
from .models import Decision, Opinion


def _entry(opinion: Opinion | None) -> dict[str, Any]:
    # A member with no entry yet is not ticked present, so the boxes agree with the count.
    if opinion is None:
        return {"present": False, "vote": "", "view": ""}
    return {"present": opinion.present, "vote": opinion.vote, "view": opinion.view}


def sheet_rows(
    decision: Decision, members: Sequence[Staff], data: QueryDict | None
) -> dict[int, OpinionForm]:
    """One row per member, showing what is recorded."""
    stored = {o.member_id: o for o in decision.opinions.all()}
    return {m.pk: OpinionForm(data, prefix=f"m{m.pk}", initial=_entry(stored.get(m.pk))) for m in members}


def sheet_now(
    decision: Decision, rows: dict[int, OpinionForm], posted: QueryDict
) -> tuple[QueryDict, set[int]]:
    """A stale page's post moved onto the sheet as it is now: the boxes its recorder changed keep what
    was typed, the others show what is recorded, and every row's hidden values and the version are
    now's, so saving again writes what the page then shows. With the members whose rows were saved
    after the page was opened."""
    stored = {o.member_id: o for o in decision.opinions.all()}
    data = posted.copy()
    data["version"] = str(decision.version)
    meanwhile = set()
    for pk, row in rows.items():
        now, changed = _entry(stored.get(pk)), set(row.changed_data)
        if row.shown() != now:
            meanwhile.add(pk)
        for name, value in now.items():
            data[row.add_initial_prefix(name)] = str(value)
            if name in changed:
                continue
            if name != "present":
                data[row.add_prefix(name)] = value
            elif value:
                data[row.add_prefix(name)] = "on"
            else:
                data.pop(row.add_prefix(name), None)
    return data, meanwhile
