"""The public contribution form. It only collects values: every rule is in
`compactwatch.practices.validation`, so the form and the API refuse the same input with the same words."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from compactwatch.areas.models import Area
from compactwatch.practices.models import Level, Licence, Status
from compactwatch.practices.selectors import filter_options
from compactwatch.practices.validation import PracticeInvalid

HONEYPOT_FIELD = "website"
TEXTAREA = forms.Textarea(attrs={"rows": 4})


class AnyChoice(forms.ChoiceField):
    """A select whose unknown code is left for the practice validator to name."""

    def valid_value(self, value: Any) -> bool:
        return True


class AnyChoices(forms.MultipleChoiceField):
    """Checkboxes or a list whose unknown codes are left for the practice validator to name."""

    def valid_value(self, value: Any) -> bool:
        return True


class YearText(forms.CharField):
    """A year written in the digits 0-9; anything else (², ٢٠١٩, 1e3, 40 digits) is refused here, in the
    validator's words, so that the validator only ever reads a short ASCII number."""

    def __init__(self, name: str, label: str) -> None:
        attrs = {"inputmode": "numeric", "maxlength": "4"}
        super().__init__(label=label, required=False, widget=forms.TextInput(attrs=attrs))
        self.name = name

    def to_python(self, value: Any) -> str:
        text = str(super().to_python(value))
        if text and not (text.isascii() and text.isdigit() and len(text) <= 4):
            message = _("%(field)s must be a year, such as 2017, in the digits 0-9") % {"field": self.name}
            raise forms.ValidationError(message, code="invalid")
        return text


def _text(label: str, *, area: bool = False, required: bool = False) -> forms.CharField:
    widget = TEXTAREA if area else forms.TextInput()
    if required:
        widget.attrs["required"] = "required"
    return forms.CharField(label=label, required=False, widget=widget)


class ContributionForm(forms.Form):
    title = _text(_("Title"), required=True)
    summary = _text(_("Summary"), area=True, required=True)
    countries = AnyChoices(
        label=_("Countries"), required=False, widget=forms.SelectMultiple(attrs={"size": 8})
    )
    level = AnyChoice(label=_("Level"), required=False, choices=[("", "—"), *Level.choices])
    implementers = _text(_("Implementers"))
    partners = _text(_("Partners"))
    start_year = YearText("start_year", _("Start year"))
    end_year = YearText("end_year", _("End year"))
    status = AnyChoice(label=_("Status"), required=False, choices=[("", _("Not stated")), *Status.choices])
    topics = AnyChoices(label=_("Topics"), required=False, widget=forms.CheckboxSelectMultiple)
    policy_areas = AnyChoices(
        label=_("UNICEF policy areas"), required=False, widget=forms.CheckboxSelectMultiple
    )
    gcm_objectives = AnyChoices(
        label=_("GCM objectives"), required=False, widget=forms.SelectMultiple(attrs={"size": 8})
    )
    gcm_principles = AnyChoices(
        label=_("GCM guiding principles"), required=False, widget=forms.CheckboxSelectMultiple
    )
    target_groups = AnyChoices(label=_("Target groups"), required=False, widget=forms.CheckboxSelectMultiple)
    activities = _text(_("Activities"), area=True)
    results = _text(_("Results"), area=True)
    evidence = _text(_("Evidence"), area=True)
    links = _text(_("Links (one web address a line)"), area=True)
    source_title = _text(_("Source: title"))
    source_publisher = _text(_("Source: publisher"))
    source_year = YearText("source_year", _("Source: year"))
    source_url = _text(_("Source: web address"))
    contact = _text(_("Public contact for the practice"))
    licence = AnyChoice(label=_("Licence"), required=False, choices=Licence.choices)
    contributor_name = _text(_("Your name"), required=True)
    contributor_email = forms.CharField(
        label=_("Your email"), required=False, widget=forms.EmailInput(attrs={"required": "required"})
    )
    contributor_organisation = _text(_("Your organisation"))
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    SOURCE_FIELDS = {"title": "source_title", "publisher": "source_publisher", "year": "source_year"}
    SOURCE_FIELDS_URL = {"url": "source_url"}

    def __init__(self, *args: Any, signed_in: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        options = filter_options()
        self.fields["countries"].choices = [(a.iso3, a.name) for a in Area.objects.order_by("name")]
        self.fields["topics"].choices = options.topic
        self.fields["policy_areas"].choices = options.policy_area
        self.fields["gcm_objectives"].choices = options.gcm_objective
        self.fields["gcm_principles"].choices = options.gcm_principle
        self.fields["target_groups"].choices = options.target_group
        if signed_in:
            for name in ("contributor_name", "contributor_email", "contributor_organisation"):
                del self.fields[name]

    def practice_input(self) -> dict[str, Any]:
        """The practice as the validator takes it (call after `is_valid`)."""
        data = self.cleaned_data
        names = ["title", "summary", "level", "implementers", "partners", "start_year", "end_year", "status"]
        names += ["activities", "results", "evidence", "contact", "licence", "countries", "topics"]
        names += ["policy_areas", "gcm_objectives", "gcm_principles", "target_groups"]
        raw: dict[str, Any] = {name: data.get(name) for name in names}
        raw["links"] = [line.strip() for line in (data.get("links") or "").splitlines() if line.strip()]
        source = {
            key: data.get(name) or ""
            for key, name in {**self.SOURCE_FIELDS, **self.SOURCE_FIELDS_URL}.items()
        }
        raw["sources"] = [source] if any(source.values()) else []
        return raw

    def contact_input(self) -> dict[str, Any]:
        names = ("contributor_name", "contributor_email", "contributor_organisation")
        return {name: self.cleaned_data.get(name, "") for name in names}

    def show_problems(self, invalid: PracticeInvalid) -> None:
        for path, messages in invalid.by_field().items():
            field = self._field_for(path)
            for message in messages:
                self.add_error(field, message)

    def _field_for(self, path: str) -> str | None:
        if path.startswith("sources[") and "." in path:
            key = path.rsplit(".", 1)[1]
            return {**self.SOURCE_FIELDS, **self.SOURCE_FIELDS_URL}.get(key)
        return path if path in self.fields else None
