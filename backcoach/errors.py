"""The BackCoach exception tree.

    BackCoachError                 base of every error the user should see as a message
    ├── UnknownExerciseError       an exercise id that is not in the catalogue
    ├── CatalogError               a catalogue data file that does not validate
    ├── StorageError               the database cannot be opened or written
    ├── InputError                 a file or device that cannot be read (video, recording, camera)
    └── SafetyStop                 the safety rules stop exercising (red flag, pain)

Each carries a plain message saying what happened and what to do; the CLI and web turn them
into an exit code or a status page.
"""

from __future__ import annotations


class BackCoachError(Exception):
    """Base of every error BackCoach reports to the user."""

    exit_code = 1


class UnknownExerciseError(BackCoachError, LookupError):
    """An exercise id that is not in the catalogue."""

    exit_code = 2

    def __init__(self, exercise_id: str, valid_ids: list[str]):
        self.exercise_id = exercise_id
        self.valid_ids = list(valid_ids)
        super().__init__(
            f"Unknown exercise id {exercise_id!r}. Valid ids: {', '.join(self.valid_ids)}"
        )


class CatalogError(BackCoachError):
    """A catalogue data file is missing or does not match the schema."""


class StorageError(BackCoachError):
    """The database cannot be opened, migrated or written."""


class InputError(BackCoachError):
    """An input (video, landmark recording, camera) cannot be read."""

    exit_code = 3


class SafetyStop(BackCoachError):
    """The safety rules say to stop exercising now."""

    exit_code = 4
