"""`compactwatch users add|list|disable|token`: roles, countries, passwords, invitations."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from compactwatch.accounts.models import ApiToken
from compactwatch.accounts.roles import role_of, scope_of
from compactwatch.accounts.services import user_for_token
from compactwatch.core.workflow import Role

pytestmark = pytest.mark.django_db
User = get_user_model()
STRONG = "correct horse battery staple 42"


def users(*args: str, stdin: str = "") -> str:
    out = io.StringIO()
    call_command("users", *args, stdout=out, stdin=io.StringIO(stdin))
    return out.getvalue()


def test_add_a_contributor_for_two_countries_with_a_password_from_stdin() -> None:
    assert "added cora as contributor" in users(
        "add", "cora", "--role", "contributor", "--country", "TCD", "--country", "nga", stdin=STRONG + "\n"
    )
    cora = User.objects.get(username="cora")
    assert role_of(cora) == Role.CONTRIBUTOR
    assert scope_of(cora).countries == {"TCD", "NGA"}
    assert Client().login(username="cora", password=STRONG)
    assert not cora.is_staff


def test_an_admin_can_use_the_admin_site() -> None:
    users("add", "ada", "--role", "admin", stdin=STRONG)
    ada = User.objects.get(username="ada")
    assert (ada.is_staff, ada.is_superuser, role_of(ada)) == (True, True, Role.ADMIN)


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["add", "cora", "--role", "contributor", "--country", "TCD"], "short", "at least 12 characters"),
        (["add", "cora", "--role", "contributor", "--country", "TCD"], "123456789012345", "entirely numeric"),
        (["add", "cora", "--role", "contributor", "--country", "TCD"], "password1234", "too common"),
        (
            ["add", "cora", "--role", "contributor", "--country", "TCD"],
            "",
            "give the password on standard input",
        ),
        (["add", "cora", "--role", "contributor"], STRONG, "needs at least one country"),
        (
            ["add", "cora", "--role", "contributor", "--country", "XYZ"],
            STRONG,
            "unknown country code(s): XYZ",
        ),
        (["add", "c" * 151, "--role", "reviewer"], STRONG, "1 to 150 characters"),
        (["disable", "nobody"], "", "no user named 'nobody'"),
        (["token", "nobody"], "", "no user named 'nobody'"),
    ],
)
def test_refused_commands_say_why_and_change_nothing(args: list[str], stdin: str, message: str) -> None:
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        users(*args, stdin=stdin)
    assert User.objects.count() == 0


def test_a_role_outside_the_list_is_refused() -> None:
    with pytest.raises(CommandError, match="invalid choice"):
        users("add", "pat", "--role", "public", stdin=STRONG)


def test_a_name_cannot_be_taken_twice() -> None:
    users("add", "rita", "--role", "reviewer", "--country", "TCD", stdin=STRONG)
    with pytest.raises(CommandError, match="already exists"):
        users("add", "rita", "--role", "reviewer", stdin=STRONG)


def test_an_invitation_link_sets_the_password_once() -> None:
    out = users("add", "rex", "--role", "reviewer", "--invite", "--base-url", "https://cw.example.org/")
    link = out.strip().splitlines()[-1]
    assert link.startswith("https://cw.example.org/accounts/invitation/")
    path = link.removeprefix("https://cw.example.org")
    client = Client()
    assert not client.login(username="rex", password=STRONG), "no password before the invitation is used"
    form = client.get(path, follow=True)
    assert "Set your password" in form.content.decode()
    weak = client.post(form.redirect_chain[-1][0], {"new_password1": "short", "new_password2": "short"})
    assert "at least 12 characters" in weak.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": STRONG, "new_password2": STRONG})
    assert done.status_code == 302
    assert client.login(username="rex", password=STRONG)
    again = Client().get(path, follow=True)
    assert "not valid" in again.content.decode()


def test_list_shows_role_and_countries_and_disable_revokes_access() -> None:
    users("add", "cora", "--role", "contributor", "--country", "TCD", stdin=STRONG)
    users("add", "rex", "--role", "reviewer", stdin=STRONG)
    token = users("token", "cora", "--name", "upload script").strip()
    assert user_for_token(token).username == "cora"
    listing = users("list")
    assert "cora\tcontributor\tTCD" in listing
    assert "rex\treviewer\tevery country" in listing
    assert "disabled cora" in users("disable", "cora")
    assert "cora\tdisabled" in users("list")
    assert user_for_token(token) is None
    assert ApiToken.objects.get().revoked_at is not None
    assert not Client().login(username="cora", password=STRONG)


def test_user_changes_in_the_admin_are_audited() -> None:
    from compactwatch.review.models import AuditEvent

    users("add", "ada", "--role", "admin", stdin=STRONG)
    client = Client()
    client.force_login(User.objects.get(username="ada"))
    data = {"username": "pat", "password1": STRONG, "password2": STRONG, "usable_password": "true"}
    data |= {"profile-TOTAL_FORMS": "1", "profile-INITIAL_FORMS": "0", "profile-0-role": "reviewer"}
    client.post("/admin/auth/user/add/", data)
    pat = User.objects.get(username="pat")
    assert role_of(pat) == Role.REVIEWER
    event = AuditEvent.objects.get(action="user-added", object_id=str(pat.pk))
    assert (event.actor.username, event.channel) == ("ada", "admin")
