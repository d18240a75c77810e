"""Alembic runs this for every upgrade; recip always hands it an open connection."""

from alembic import context

connection = context.config.attributes["connection"]
# render_as_batch lets SQLite alter tables by copy-and-move inside the same transaction.
context.configure(connection=connection, target_metadata=None, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
