"""The JSON API under /api/v1/ (django-ninja): one NinjaAPI, one router per concept (see api/main.py)."""
