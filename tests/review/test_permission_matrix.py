"""Every role x country scope x action, through the real URLs and the API: no crossing.

The item is a data submission for Chad (TCD) written by cora, a contributor for Chad. People: ada (admin),
rita (reviewer for Chad), rex (reviewer for every country), rob (reviewer for Nigeria), cora (contributor
for Chad, the author), nils (contributor for Nigeria), olga (an account with no role) and the public.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from compactwatch.core.workflow import State
from compactwatch.framework.models import Unit
from compactwatch.review.models import DataSubmission
from compactwatch.review.services import move
from compactwatch.review.submissions import Upload, create_submission
from tests.accounts.personas import CHAD_FILE, People

pytestmark = pytest.mark.django_db

PERSONAS = {
    "anonymous": None,
    "outsider": "olga",
    "admin": "ada",
    "reviewer_tcd": "rita",
    "reviewer_all": "rex",
    "reviewer_nga": "rob",
    "contributor_tcd": "cora",
    "contributor_nga": "nils",
}

# Who may do what (the expected table; everything else must be refused and change nothing).
ALLOWED = {
    "view draft": {"admin", "reviewer_tcd", "reviewer_all", "contributor_tcd"},
    "submit": {"contributor_tcd"},
    "approve": {"admin", "reviewer_tcd", "reviewer_all"},
    "return": {"admin", "reviewer_tcd", "reviewer_all"},
    "publish": {"admin", "reviewer_tcd", "reviewer_all"},
    "import data": {"admin", "reviewer_tcd", "reviewer_all", "contributor_tcd"},
    "edit framework": {"admin"},
    "manage users": {"admin"},
}


def draft(people: People) -> DataSubmission:
    upload = Upload("chad.csv", CHAD_FILE.encode(), "TCD")
    return create_submission(upload, author=people.contributor_tcd, channel="web")


def in_state(people: People, state: State) -> DataSubmission:
    item = draft(people)
    path = {State.SUBMITTED: [State.SUBMITTED], State.APPROVED: [State.SUBMITTED, State.APPROVED]}[state]
    for target in path:
        actor = people.contributor_tcd if target == State.SUBMITTED else people.admin
        move(item, target, actor=actor)
    return item


class Web:
    def __init__(self, people: People, persona: str) -> None:
        self.people = people
        self.client: Client = people.client(PERSONAS[persona] and persona)

    def view_draft(self) -> bool:
        item = draft(self.people)
        response = self.client.get(f"/review/submissions/{item.pk}/")
        assert response.status_code in {200, 302, 404}
        return response.status_code == 200 and "chad.csv" in response.content.decode()

    def _move(self, item: DataSubmission, target: State, comment: str = "") -> bool:
        url = f"/review/items/review/datasubmission/{item.pk}/move/"
        self.client.post(url, {"target": target.value, "comment": comment})
        item.refresh_from_db()
        return item.state == target.value

    def submit(self) -> bool:
        return self._move(draft(self.people), State.SUBMITTED)

    def approve(self) -> bool:
        return self._move(in_state(self.people, State.SUBMITTED), State.APPROVED)

    def return_(self) -> bool:
        return self._move(in_state(self.people, State.SUBMITTED), State.RETURNED, "the totals do not add up")

    def publish(self) -> bool:
        return self._move(in_state(self.people, State.APPROVED), State.PUBLISHED)

    def import_data(self) -> bool:
        before = DataSubmission.objects.count()
        upload = SimpleUploadedFile("chad.csv", CHAD_FILE.encode(), content_type="text/csv")
        self.client.post("/review/submissions/new/", {"country": "TCD", "file": upload, "note": ""})
        return DataSubmission.objects.count() == before + 1

    def edit_framework(self) -> bool:
        unit = Unit.objects.get(code="NUMBER")
        url = f"/admin/framework/unit/{unit.pk}/change/"
        self.client.post(url, {"code": "NUMBER", "label": "Changed", "description": unit.description})
        unit.refresh_from_db()
        return unit.label == "Changed"

    def manage_users(self) -> bool:
        data = {
            "username": "newbie",
            "password1": "another long passphrase 9",
            "password2": "another long passphrase 9",
        }
        data |= {"usable_password": "true", "profile-TOTAL_FORMS": "1", "profile-INITIAL_FORMS": "0"}
        data["profile-0-role"] = "reviewer"
        self.client.post("/admin/auth/user/add/", data)
        return get_user_model().objects.filter(username="newbie").exists()


class Api(Web):
    """The same actions through the API with a token (the public has none)."""

    def __init__(self, people: People, persona: str) -> None:
        super().__init__(people, persona)
        self.client = Client()
        self.headers: dict[str, Any] = {}
        if PERSONAS[persona] is not None:
            self.headers = {"Authorization": f"Bearer {people.token(persona)}"}

    def view_draft(self) -> bool:
        item = draft(self.people)
        response = self.client.get(f"/api/v1/submissions/{item.pk}", headers=self.headers)
        assert response.status_code in {200, 401, 404}
        return response.status_code == 200 and response.json()["file_name"] == "chad.csv"

    def _move(self, item: DataSubmission, target: State, comment: str = "") -> bool:
        payload = {"target": target.value, "comment": comment}
        url = f"/api/v1/submissions/{item.pk}/moves"
        response = self.client.post(url, payload, content_type="application/json", headers=self.headers)
        item.refresh_from_db()
        assert (response.status_code == 200) == (item.state == target.value)
        return item.state == target.value

    def import_data(self) -> bool:
        before = DataSubmission.objects.count()
        upload = SimpleUploadedFile("chad.csv", CHAD_FILE.encode(), content_type="text/csv")
        response = self.client.post(
            "/api/v1/submissions", {"country": "TCD", "file": upload}, headers=self.headers
        )
        assert response.status_code in {201, 401, 422}
        return DataSubmission.objects.count() == before + 1


ACTIONS = {
    "view draft": "view_draft",
    "submit": "submit",
    "approve": "approve",
    "return": "return_",
    "publish": "publish",
    "import data": "import_data",
    "edit framework": "edit_framework",
    "manage users": "manage_users",
}
API_ACTIONS = ("view draft", "submit", "approve", "return", "publish", "import data")


@pytest.mark.parametrize("persona", list(PERSONAS))
@pytest.mark.parametrize("action", list(ACTIONS))
def test_web(people: People, persona: str, action: str) -> None:
    done = getattr(Web(people, persona), ACTIONS[action])()
    assert done == (persona in ALLOWED[action]), f"{persona} / {action} through the web"


@pytest.mark.parametrize("persona", list(PERSONAS))
@pytest.mark.parametrize("action", API_ACTIONS)
def test_api(people: People, persona: str, action: str) -> None:
    done = getattr(Api(people, persona), ACTIONS[action])()
    assert done == (persona in ALLOWED[action]), f"{persona} / {action} through the API"
