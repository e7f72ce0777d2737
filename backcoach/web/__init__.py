"""The BackCoach web app: FastAPI routes, Jinja2 pages and build-free static files."""

from backcoach.web.app import create_app

__all__ = ["create_app"]
