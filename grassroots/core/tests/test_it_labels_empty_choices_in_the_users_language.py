"""A select's empty choice speaks the user's language (Django 6.1's own label has no Chinese)."""

from django import forms
from django.utils import translation

from grassroots.places.models import Area


class AreaForm(forms.Form):
    area = forms.ModelChoiceField(queryset=Area.objects.none())


def test_it_labels_the_empty_choice_in_chinese_and_in_english() -> None:
    with translation.override("zh-hans"):
        html = str(AreaForm()["area"])
        assert "— 请选择 —" in html and "Select an option" not in html
    with translation.override("en"):
        assert "— choose —" in str(AreaForm()["area"])
