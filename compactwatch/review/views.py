"""Review pages: the queue, sending a data file, an item with its buttons and history, the audit trail."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import select_template
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from compactwatch.accounts.roles import is_reviewer, role_of, scope_of
from compactwatch.areas.models import Area
from compactwatch.core.validation import InvalidInput
from compactwatch.core.workflow import MoveRefused, Role
from compactwatch.review import selectors
from compactwatch.review.forms import MoveForm, SubmissionForm
from compactwatch.review.models import Reviewable
from compactwatch.review.services import move, targets_for
from compactwatch.review.submissions import MAX_BYTES, MAX_MAPPING_BYTES, Upload, create_submission


def _require_account(request: HttpRequest) -> None:
    if role_of(request.user) == Role.PUBLIC:
        raise PermissionDenied(_("Your account has no role. Ask an administrator."))


def _require_reviewer(request: HttpRequest) -> None:
    if not is_reviewer(request.user):
        raise PermissionDenied(_("Only reviewers and administrators may see this page."))


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    _require_account(request)
    context = {
        "waiting": selectors.rows(selectors.queue(request.user)),
        "mine": selectors.rows(selectors.own_items(request.user)),
        "perms_reviewer": is_reviewer(request.user),
    }
    return render(request, "review/queue.html", context)


def _country_choices(user: Any) -> list[tuple[str, str]]:
    scope = scope_of(user)
    areas = Area.objects.all() if scope.every_country else Area.objects.filter(iso3__in=scope.countries)
    return [(area.iso3, f"{area.name} ({area.iso3})") for area in areas.order_by("name")]


@login_required
def new_submission(request: HttpRequest) -> HttpResponse:
    _require_account(request)
    countries = _country_choices(request.user)
    form = SubmissionForm(request.POST or None, request.FILES or None, countries=countries)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read(MAX_BYTES + 1)  # enough to tell a file too large, never more
        sent = Upload(upload.name, content, form.cleaned_data["country"], form.cleaned_data["note"])
        if names := form.cleaned_data.get("areas"):
            sent.areas, sent.areas_name = names.read(MAX_MAPPING_BYTES + 1), names.name
        try:
            submission = create_submission(sent, author=request.user, channel="web")
        except InvalidInput as refused:
            report = refused.report
        else:
            messages.success(
                request, _("The file passed every check and is saved as a draft. Submit it for review.")
            )
            return redirect(submission)
    status = 400 if request.method == "POST" else 200
    return render(request, "review/new_submission.html", {"form": form, "report": report}, status=status)


def _item(request: HttpRequest, app_label: str, model_name: str, pk: int) -> Reviewable:
    model = selectors.reviewable_model(app_label, model_name)
    item = selectors.visible_item(model, pk, request.user) if model is not None else None
    if item is None:
        raise Http404(_("No such item, or it is not yours to see."))
    return item


@login_required
def item_page(request: HttpRequest, app_label: str, model_name: str, pk: int) -> HttpResponse:
    item = _item(request, app_label, model_name, pk)
    meta = item._meta
    detail = select_template(
        [f"review/detail/{meta.app_label}_{meta.model_name}.html", "review/detail/generic.html"]
    )
    context = {
        "item": item,
        "detail_template": detail.template.name,
        "targets": targets_for(item, request.user),
        "transitions": item.transitions.select_related("actor"),
        "move_url": reverse("review:move", args=[meta.app_label, meta.model_name, item.pk]),
        "audit_url": reverse("review:audit-object", args=[meta.app_label, meta.model_name, item.pk]),
        "form": MoveForm(),
        "can_audit": is_reviewer(request.user),
    }
    return render(request, "review/item.html", context)


@login_required
def submission_page(request: HttpRequest, pk: int) -> HttpResponse:
    return item_page(request, "review", "datasubmission", pk)


@login_required
@require_POST
def move_item(request: HttpRequest, app_label: str, model_name: str, pk: int) -> HttpResponse:
    item = _item(request, app_label, model_name, pk)
    page = selectors.review_url(item)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Not done: choose an action."))
        return redirect(page)
    try:
        move(
            item,
            form.cleaned_data["target"],
            actor=request.user,
            comment=form.cleaned_data["comment"],
            channel="web",
        )
    except MoveRefused as refused:
        messages.error(request, _("Not done: %(reason)s") % {"reason": refused.message})
    else:
        messages.success(request, _("Done: the item is now %(state)s.") % {"state": item.state})
    return redirect(page)


@login_required
def audit_trail(request: HttpRequest) -> HttpResponse:
    _require_reviewer(request)
    return render(
        request, "review/audit.html", {"entries": selectors.trail(request.user), "title": _("Audit trail")}
    )


@login_required
def audit_object(request: HttpRequest, app_label: str, model_name: str, object_id: str) -> HttpResponse:
    _require_reviewer(request)
    name, entries = selectors.object_trail(app_label, model_name, object_id[:64], request.user)
    if not entries and not name:
        raise Http404(_("Nothing is recorded about this object."))
    return render(request, "review/audit.html", {"entries": entries, "title": name, "single": True})
