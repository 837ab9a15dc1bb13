"""Small helpers shared by the API tests."""

from __future__ import annotations

from typing import Any

from django.test import Client

API = "/api/v1"


def get_json(client: Client, path: str, status: int = 200, **headers: str) -> Any:
    response = client.get(f"{API}{path}", headers=headers)
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def assert_error(body: Any, code: str) -> None:
    """The one error shape: {"error": {"code", "message", "details"}} and nothing else."""
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    assert isinstance(body["error"]["details"], list)
