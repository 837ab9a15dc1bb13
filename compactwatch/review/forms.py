from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from compactwatch.review.submissions import ACCEPTED_SUFFIXES


class SubmissionForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"))
    # Emptiness, size, type and note length are checked by the service, the same for the web and the API.
    file = forms.FileField(
        allow_empty_file=True,
        label=_("Data file"),
        help_text=_("Tidy CSV, SDMX-CSV, Excel (.xlsx), Parquet or a zipped Data Package; at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED_SUFFIXES)}),
    )
    areas = forms.FileField(
        required=False,
        allow_empty_file=True,
        label=_("Area names (optional)"),
        help_text=_(
            "A CSV file with the columns name and ISO3: the country each area name of your data file "
            "stands for, as you choose it. Area names are never guessed: give this only for names the "
            "check refused, for instance to confirm a suggestion it showed."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv"}),
    )
    note = forms.CharField(
        label=_("Note for the reviewer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, countries: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = countries


class MoveForm(forms.Form):
    target = forms.CharField(max_length=20)
    # Length and markup are checked by the workflow service, so every channel gives the same message.
    comment = forms.CharField(required=False, strip=False, widget=forms.Textarea(attrs={"rows": 3}))
