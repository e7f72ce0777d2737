"""Storage: SQLAlchemy models, Alembic migrations and the repository functions."""
