"""Every page carries a Content-Security-Policy that allows scripts from this site only: no inline script,
no eval (charts run Vega's expression interpreter), and no template has an inline script or handler."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

TEMPLATES = Path(__file__).resolve().parents[2] / "compactwatch"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")[^>]*>", re.I)
HANDLER_ATTRIBUTE = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/indicators/", "/practices/", "/accounts/login/", "/nowhere/"])
def test_pages_carry_the_policy(path: str) -> None:
    policy = Client().get(path)["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-eval" not in policy


def test_no_template_has_an_inline_script_or_event_handler() -> None:
    found = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)[:60]}"
        for path in TEMPLATES.glob("*/templates/**/*.html")
        for pattern in (INLINE_SCRIPT, HANDLER_ATTRIBUTE)
        for match in pattern.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_charts_use_the_expression_interpreter() -> None:
    charts = (TEMPLATES / "web" / "static" / "web" / "charts.js").read_text(encoding="utf-8")
    assert "ast: true" in charts
