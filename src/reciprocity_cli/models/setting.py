"""Settings, stored as text (core/settings.py types them)."""

from sqlmodel import Field, SQLModel


class Setting(SQLModel, table=True):
    key: str = Field(primary_key=True, max_length=40)
    value: str
