"""Developer tool: autogenerate a migration from the models.

    .venv/bin/python -m backcoach.store.new_migration "add a column to sessions"

It upgrades a scratch SQLite database to head and writes the difference to the models as a new
file in backcoach/store/migrations/versions/; read it, adjust it, and run the store tests.
"""

from __future__ import annotations

import sys

from backcoach.store.migrate import make_revision

if __name__ == "__main__":
    if len(sys.argv) != 2 or not sys.argv[1].strip():
        sys.exit('usage: python -m backcoach.store.new_migration "what changes"')
    make_revision(sys.argv[1])
