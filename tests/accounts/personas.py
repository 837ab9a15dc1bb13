"""Named people for tests: an admin, reviewers (one country, every country), contributors, an outsider."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client

from compactwatch.accounts.services import add_user, issue_token
from compactwatch.core.workflow import Role
from compactwatch.observations.bundled import register_sources

PASSWORD = "a long passphrase for tests 7"

# A tidy CSV for Chad, in the shape of tests/observations/test_import.py's GOOD file.
CHAD_FILE = """\
Indicator,GeoCode,Year,SEX,AGE,MIGRATORY_STATUS,Value,Units,Source
refugee-children,TCD,2023,F,Y0T4,REF,61234,NUMBER,test-unhcr
refugee-children,TCD,2023,M,Y0T4,REF,60111,NUMBER,test-unhcr
"""
NIGERIA_ROW = "refugee-children,NGA,2023,F,Y0T4,REF,1200,NUMBER,test-unhcr\n"


@dataclass
class People:
    admin: Any
    reviewer_tcd: Any
    reviewer_all: Any
    reviewer_nga: Any
    contributor_tcd: Any
    contributor_nga: Any
    outsider: Any

    def client(self, name: str | None) -> Client:
        client = Client()
        if name is not None and name != "anonymous":
            client.force_login(getattr(self, name))
        return client

    def token(self, name: str) -> str:
        return issue_token(getattr(self, name))


def make_people() -> People:
    return People(
        admin=add_user("ada", role=Role.ADMIN, password=PASSWORD),
        reviewer_tcd=add_user("rita", role=Role.REVIEWER, countries=["TCD"], password=PASSWORD),
        reviewer_all=add_user("rex", role=Role.REVIEWER, password=PASSWORD),
        reviewer_nga=add_user("rob", role=Role.REVIEWER, countries=["NGA"], password=PASSWORD),
        contributor_tcd=add_user("cora", role=Role.CONTRIBUTOR, countries=["TCD"], password=PASSWORD),
        contributor_nga=add_user("nils", role=Role.CONTRIBUTOR, countries=["NGA"], password=PASSWORD),
        outsider=get_user_model().objects.create_user("olga", password=PASSWORD),
    )


def register_test_sources() -> None:
    register_sources(
        [{"code": "test-unhcr", "title": "Refugee Data Finder", "producer": "UNHCR", "licence": "CC BY 4.0"}]
    )


def write_file(folder: Path, text: str = CHAD_FILE, name: str = "chad.csv") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
