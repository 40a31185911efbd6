"""Form labels end with the reader's colon: "职责：" in Chinese (Django's own catalogue says ":"),
"Duty:" in English."""

from django import forms
from django.utils import translation


class DutyForm(forms.Form):
    duty = forms.CharField(label="duty")


def test_it_ends_form_labels_with_a_full_width_colon_in_chinese() -> None:
    with translation.override("zh-hans"):
        assert "duty：</label>" in str(DutyForm()["duty"].label_tag())
    with translation.override("en"):
        assert "duty:</label>" in str(DutyForm()["duty"].label_tag())
