import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from grassroots.core.forms import DateInput, show_errors


class PersonForm(forms.Form):
    person = forms.CharField(required=False)
    phone = forms.CharField(required=False)
    joined_on = forms.DateField(required=False, widget=DateInput)


def test_field_named_errors_land_beside_their_fields_and_the_rest_above() -> None:
    form = PersonForm(data={})
    assert form.is_valid()
    show_errors(form, ValidationError({"phone": "电话号码不对。", "household": "户不存在。"}))
    assert form.errors["phone"] == ["电话号码不对。"]
    assert form.non_field_errors() == ["户不存在。"]


def test_an_error_without_a_field_goes_above_the_form() -> None:
    form = PersonForm(data={})
    assert form.is_valid()
    show_errors(form, ValidationError("已经办结。"))
    assert form.non_field_errors() == ["已经办结。"]


def test_a_service_field_can_be_renamed_to_the_forms_field_or_sent_above() -> None:
    form = PersonForm(data={})
    assert form.is_valid()
    show_errors(
        form,
        ValidationError({"staff": "不是党员。", "organisation": "组织已撤销。"}),
        {"staff": "person", "organisation": None},
    )
    assert form.errors["person"] == ["不是党员。"]
    assert form.non_field_errors() == ["组织已撤销。"]


def test_dates_are_rendered_iso_for_the_phones_date_picker_in_any_language() -> None:
    # Chinese formats dates as 2026/03/05 by default, which a date picker reads as empty.
    with translation.override("zh-hans"):
        html = PersonForm(initial={"joined_on": datetime.date(2026, 3, 5)})["joined_on"].as_widget()
    assert 'type="date"' in html and 'value="2026-03-05"' in html
