"""The `compactwatch` command and its verbs; settings fit for production."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from compactwatch.framework.models import FrameworkVersion

ROOT = Path(__file__).resolve().parent.parent
COMPACTWATCH = str(Path(sys.executable).parent / "compactwatch")


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [COMPACTWATCH, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_framework_validate_succeeds_on_the_repository_framework() -> None:
    result = run("framework", "validate")
    assert result.returncode == 0, result.stderr
    assert "is valid" in result.stdout
    assert "6 topics, 15 goals, 6 targets" in result.stdout


def test_framework_validate_fails_with_the_report(tmp_path: Path) -> None:
    broken = tmp_path / "framework"
    shutil.copytree(ROOT / "framework", broken)
    topics = next(p for p in broken.glob("*.yaml") if "topics:" in p.read_text(encoding="utf-8"))
    topics.write_text(
        topics.read_text(encoding="utf-8").replace("number: 5", "number: five", 1), encoding="utf-8"
    )
    result = run("framework", "validate", str(broken))
    assert result.returncode != 0
    assert "[invalid-value]" in result.stderr
    assert f"{topics.name}, line " in result.stderr


def test_an_unknown_verb_fails() -> None:
    result = run("framework", "publish")
    assert result.returncode != 0
    assert "invalid choice" in result.stderr


@pytest.mark.django_db
def test_framework_load_refuses_an_invalid_file_with_a_clear_message(tmp_path: Path) -> None:
    (tmp_path / "framework.yaml").write_text("version: x\ntitle: t\n", encoding="utf-8")
    before = FrameworkVersion.objects.count()
    with pytest.raises(CommandError, match=r"not loaded; the database is unchanged") as refused:
        call_command("framework", "load", str(tmp_path))
    assert "[missing-field]" in str(refused.value)
    assert FrameworkVersion.objects.count() == before


@pytest.mark.django_db
def test_setup_twice_is_harmless(tmp_path: Path, settings, capsys) -> None:  # type: ignore[no-untyped-def]
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("setup")
    versions = FrameworkVersion.objects.count()
    call_command("setup")
    out = capsys.readouterr().out
    assert "already loaded: nothing changed" in out
    assert "areas are up to date" in out
    assert "compactwatch is ready" in out
    assert FrameworkVersion.objects.count() == versions
    assert (tmp_path / "static" / "staticfiles.json").exists()


def test_production_settings_pass_the_deployment_check(tmp_path: Path) -> None:
    env = {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "compactwatch.example.org",
        "COMPACTWATCH_HTTPS": "1",
        "COMPACTWATCH_DATA_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={k: v for k, v in {**os.environ, **env}.items() if k != "DATABASE_URL"},
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
