"""Pages of the good-practice library: browse and search, one practice, the contribution form, its status."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from compactwatch.accounts.addresses import client_address
from compactwatch.accounts.roles import role_of
from compactwatch.core.workflow import MoveRefused, Role
from compactwatch.practices import selectors
from compactwatch.practices.forms import HONEYPOT_FIELD, ContributionForm
from compactwatch.practices.services import (
    TOO_MANY,
    ContributionRefused,
    contribute,
    contribution_for_reference,
)
from compactwatch.practices.validation import PracticeInvalid
from compactwatch.web.caching import cached_page

PAGE_SIZE = 20


@require_safe
@cached_page
def practice_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[: selectors.MAX_QUERY_LENGTH]
    filters = selectors.PracticeFilters.from_params(request.GET)
    error = ""
    try:
        found = selectors.search_practices(query, filters)
    except selectors.BadPracticeFilter as bad:
        error, found = bad.message, selectors.published_practices().none()
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "query": query,
        "filters": filters.active(),
        "options": selectors.filter_options(),
        "page": page,
        "error": error,
        "total": page.paginator.count,
    }
    return render(request, "practices/list.html", context, status=400 if error else 200)


@require_safe
@cached_page
def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    practice = selectors.published_practice(pk)
    if practice is None:
        raise Http404(_("No published practice with this number."))
    return render(request, "practices/detail.html", {"practice": practice})


@require_http_methods(["GET", "HEAD", "POST"])
def contribute_page(request: HttpRequest) -> HttpResponse:
    signed_in = role_of(request.user) != Role.PUBLIC
    form = ContributionForm(request.POST or None, signed_in=signed_in)
    refusal, status = "", 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            sent = contribute(
                form.practice_input(),
                form.contact_input(),
                user=request.user,
                address=client_address(request),
                honeypot=request.POST.get(HONEYPOT_FIELD, ""),
                channel="web",
            )
        except PracticeInvalid as invalid:
            form.show_problems(invalid)
        except (ContributionRefused, MoveRefused) as refused:
            refusal = refused.message
            status = 429 if refused.code == TOO_MANY else 400
        else:
            return redirect("practices:status", reference=sent.reference)
    context = {"form": form, "refusal": refusal, "signed_in": signed_in}
    return render(request, "practices/contribute.html", context, status=status)


@require_safe
def contribution_status(request: HttpRequest, reference: str) -> HttpResponse:
    practice = contribution_for_reference(reference)
    if practice is None:
        raise Http404(_("No contribution has this reference."))
    context = {
        "practice": practice,
        "transitions": practice.transitions.all(),
        "reference_url": request.build_absolute_uri(),
    }
    return render(request, "practices/status.html", context)
