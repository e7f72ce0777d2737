"""Settings, declared once: name, default, help; each overridable by an environment variable."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "backcoach"


@dataclass(frozen=True)
class Setting:
    env: str
    default: str
    help: str

    def value(self) -> str:
        return os.environ.get(self.env, self.default)


def _default_data_dir() -> str:
    return user_data_dir(APP_NAME, appauthor=False)


SETTINGS: dict[str, Setting] = {
    "data_dir": Setting(
        "BACKCOACH_DATA_DIR", _default_data_dir(), "Folder for the database, uploads and results."
    ),
    "database_url": Setting(
        "BACKCOACH_DATABASE_URL",
        "",
        "SQLAlchemy URL of the database; empty means a SQLite file in the data folder.",
    ),
    "upload_max_mb": Setting(
        "BACKCOACH_UPLOAD_MAX_MB", "200", "Largest video the web app accepts, in megabytes."
    ),
    "upload_max_minutes": Setting(
        "BACKCOACH_UPLOAD_MAX_MINUTES", "10", "Longest video the web app accepts, in minutes."
    ),
    "upload_types": Setting(
        "BACKCOACH_UPLOAD_TYPES",
        "video/*",
        "Media types the web app accepts for analysis, comma separated (video/* = any video).",
    ),
}


def data_dir() -> Path:
    """The folder that holds the local database, uploads and analysis results."""
    path = Path(SETTINGS["data_dir"].value()).expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url() -> str:
    """The configured database URL, defaulting to SQLite in the data folder."""
    url = SETTINGS["database_url"].value().strip()
    if url:
        return url
    return f"sqlite:///{data_dir() / 'backcoach.sqlite3'}"
