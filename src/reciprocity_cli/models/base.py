"""What every table shares: the names of constraints and indexes, no Pydantic validators, and
the clock for created_at and updated_at. The package imports it before any table's module."""

import datetime as dt

from sqlmodel import SQLModel

# Fixed names for constraints and indexes, so Alembic revisions can refer to them on any engine.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
# SQLModel never validates a table's rows with Pydantic: the validators Pydantic would build
# for each class are left until something asks for one (nothing in recip does), which
# saves every command that opens the database a tenth of the time these classes take.
SQLModel.model_config["defer_build"] = True

# PARTIAL: the partial indexes name only SQLite's condition here. The revisions create them
# on both engines (the schema is theirs; nothing calls create_all), and a postgresql_where
# argument would import SQLAlchemy's PostgreSQL dialect (~19 ms) into every command.


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
