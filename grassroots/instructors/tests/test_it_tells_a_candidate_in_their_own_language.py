"""A decision taken on a page in English reaches the candidate in Chinese when they read Chinese, the
decision's own label included, and in English when they read English."""

import pytest
from django.utils import translation

from grassroots.core.models import Notification

from ..services import instructor_recommend


@pytest.mark.django_db
def test_a_candidate_turned_down_from_an_english_page_reads_it_in_their_language(rural):
    candidate = rural.candidate(rural.call())
    with translation.override("en"):
        instructor_recommend(by=rural.unit, instructor=candidate, approve=False, reason="岗位需要")
    candidate.refresh_from_db()
    told = Notification.objects.get(recipient=candidate.user)
    for language, said in (("zh-hans", "您的申请状态：“%s”"), ("en", "Your application is “%s”")):
        with translation.override(language):
            assert told.title == said % candidate.get_status_display()
    assert told.texts["zh-hans"]["title"] != told.texts["en"]["title"]
