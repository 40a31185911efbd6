"""A small rural tree (a county, two townships, three villages each) and the programme's roles."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from grassroots.core.models import User
from grassroots.people.models import Department, DepartmentLevel
from grassroots.places.models import Area, AreaKind
from grassroots.places.services import area_create

from ..models import Call, Instructor, InstructorRole, Matching, Method, RoleKind, Source, VillageNeed
from ..services import call_create, instructor_apply, instructor_recommend, instructor_review
from ..services_matching import instructor_leave, matching_decide, matching_propose

FOCUSES = ["industry", "ecology", "culture", "governance", "livelihood"]


class Rural:
    def __init__(self, grid: Any, make_user: Any) -> None:
        self.county = area_create(name="样板市", kind=AreaKind.COUNTY, parent=grid.city, code="990182")
        self.townships: list[Area] = []
        self.villages: list[Area] = []
        for t in range(2):
            township = area_create(
                name=f"乡镇{t + 1}", kind=AreaKind.TOWNSHIP, parent=self.county, code=f"990182{t + 1:03d}000"
            )
            self.townships.append(township)
            for v in range(3):
                self.villages.append(
                    area_create(
                        name=f"村{t + 1}-{v + 1}", kind=AreaKind.VILLAGE, parent=township, code=f"{v + 201}"
                    )
                )
        self.department = Department.objects.create(
            name="样板市农业局", level=DepartmentLevel.DISTRICT, area=self.county
        )
        self.other_department = Department.objects.create(
            name="样板市文旅局", level=DepartmentLevel.DISTRICT, area=self.county
        )
        self.committee: User = make_user("committee")
        InstructorRole.objects.create(user=self.committee, kind=RoleKind.CITY_COMMITTEE, area=self.county)
        self.unit: User = make_user("unit")
        InstructorRole.objects.create(
            user=self.unit, kind=RoleKind.SENDING_UNIT, department=self.department, area=self.county
        )
        self.township_user: User = make_user("township")
        InstructorRole.objects.create(user=self.township_user, kind=RoleKind.TOWNSHIP, area=self.townships[0])
        self.make_user = make_user
        self._n = 0

    def call(self, rules: dict[str, int | None] | None = None) -> Call:
        today = timezone.localdate()
        return call_create(
            by=self.committee,
            name="样板市第一批指导员",
            area=self.county,
            villages=self.villages,
            opens_on=today - timedelta(days=5),
            closes_on=today + timedelta(days=5),
            serves_from=today - timedelta(days=5),
            serves_until=today + timedelta(days=360),
            rules={"political_quality": None, "health": None, "party_work_years": 2, "max_age": 50}
            if rules is None
            else rules,
        )

    def candidate(self, call: Call, *, user: User | None = None, **overrides: Any) -> Instructor:
        self._n += 1
        user = user or self.make_user(f"cand{self._n}")
        data: dict[str, Any] = {
            "name": f"候选人{self._n}",
            "gender": "male",
            "birth_date": date(1985, 1, 1),
            "phone": f"139{self._n:08d}",
            "post": "科员",
            "strengths": "种植合作社",
            "is_party_member": True,
            "political_quality_ok": True,
            "health_ok": True,
            "party_work_years": 5,
            "service_years": 8,
        }
        fields = overrides.pop("fields", ["industry", "party_building"])
        data.update(overrides)
        return instructor_apply(
            by=user, call=call, source=Source.SELF, department=self.department, fields=fields, **data
        )

    def approved(self, call: Call, **overrides: Any) -> Instructor:
        c = self.candidate(call, **overrides)
        c = instructor_recommend(by=self.unit, instructor=c, approve=True, reason="表现突出")
        return instructor_review(by=self.committee, instructor=c, approve=True, reason="同意选派")

    def close_applications(self, call: Call) -> None:
        """Move the call's closing date to yesterday: a matching is approved once applications close."""
        Call.objects.filter(pk=call.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
        call.refresh_from_db()

    def place(self, matching: Matching) -> Matching:
        """Close applications and approve the matching, as the committee would."""
        self.close_applications(matching.call)
        return matching_decide(by=self.committee, matching=matching, approve=True, reason="市委常委会审定")

    def profile(self, call: Call, focuses: list[list[str]]) -> None:
        for need, focus in zip(
            VillageNeed.objects.filter(call=call).order_by("village__path"), focuses, strict=False
        ):
            need.focus, need.households = focus, 300
            need.save()

    def in_matching(self) -> tuple[Call, dict[str, Any]]:
        """A call whose matching placed six instructors, one of whom has left the first township's
        village; one candidate waits for the unit, one for the committee, one approved after the
        matching has no village, and a fresh proposal waits."""
        call = self.call()
        for _ in range(6):
            self.approved(call)
        applied = self.candidate(call)
        recommended = instructor_recommend(
            by=self.unit, instructor=self.candidate(call), approve=True, reason="表现突出"
        )
        late = instructor_recommend(
            by=self.unit, instructor=self.candidate(call), approve=True, reason="表现突出"
        )
        self.profile(call, [["industry"]] * 6)
        self.place(matching_propose(by=self.committee, call=call, method=Method.OPTIMAL))
        late = instructor_review(by=self.committee, instructor=late, approve=True, reason="同意选派")
        proposal = matching_propose(by=self.committee, call=call, method=Method.STABLE_CANDIDATE)
        leaver = (
            Instructor.objects.filter(call=call, village__parent=self.townships[0]).order_by("pk").first()
        )
        assert leaver is not None and leaver.village is not None
        vacated = leaver.village
        instructor_leave(by=self.committee, instructor=leaver, reason="工作调动")
        call.refresh_from_db()
        return call, {
            "applied": applied,
            "recommended": recommended,
            "late": late,
            "proposal": proposal,
            "leaver": leaver,
            "vacated": vacated,
        }


@pytest.fixture
def rural(grid: Any, make_user: Any) -> Rural:
    return Rural(grid, make_user)
