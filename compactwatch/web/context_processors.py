from __future__ import annotations

from django.http import HttpRequest

from compactwatch.framework.selectors import current_version


def framework_version(request: HttpRequest) -> dict[str, object]:
    """The framework version shown in every page's footer."""
    return {"framework_version": current_version()}
