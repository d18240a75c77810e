"""Which of a file's referrals (or touches) the database holds already, answered by the
database itself: the rows are staged in a temporary table as the file is read, then
matched, counted and written with a few set-based statements, so an import holds a batch
of rows in memory, not the file nor the referrals already there.

A referral with an id is that referral if partner, direction and date agree (its empty
fields are filled in, or all with --overwrite); any other row is a referral already there
if one has the same content, each at most once: the n-th row of the file with some content
is the n-th referral (by id) with it, among those no row claimed by id. The rest are new,
and keep the file's id where no referral has it and no earlier row took it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sqlalchemy import (
    BigInteger,
    Column,
    Integer,
    MetaData,
    Table,
    and_,
    exists,
    false,
    func,
    insert,
    literal,
    or_,
    select,
    text,
)
from sqlmodel import Session

from reciprocity_cli.core.imports.bulk import advance_id_counter
from reciprocity_cli.models import Partner, utc_now

BATCH = 5000
CACHE_KIB = 32 * 1024
# How a staged row was matched.
SAME_ID, SAME_CONTENT, NEW_WITH_ID = 1, 2, 3


class Staged:
    """The rows of one kind of a file, staged in temporary tables of the caller's
    transaction (dropped when done, or with the transaction)."""

    def __init__(
        self,
        session: Session,
        model,
        content: Sequence[str],
        probe: Sequence[str],
        *,
        by_id: bool,
    ):
        """`content` is what makes two rows the same; `probe`, the leading columns of an
        index of the model's table, finds the rows that may be."""
        self.session, self.model, self.content, self.probe = session, model, content, probe
        self.by_id = by_id
        self.target = model.__table__
        self.columns = [c.name for c in self.target.columns if c.name != "id"]
        metadata = MetaData()
        name = f"recip_import_{self.target.name}"
        self.rows = Table(
            name,
            metadata,
            # Rows in the order read (a backup may hold several on one line).
            Column("seq", BigInteger, primary_key=True, autoincrement=False),
            Column("line", BigInteger, nullable=False),
            Column("file_id", BigInteger),
            *(Column(c.name, c.type) for c in self.target.columns if c.name != "id"),
            prefixes=["TEMPORARY"],
        )
        self.matched = Table(
            f"{name}_match",
            metadata,
            Column("seq", BigInteger, primary_key=True, autoincrement=False),
            Column("ref_id", BigInteger, nullable=False),
            Column("how", Integer, nullable=False),
            prefixes=["TEMPORARY"],
        )
        self._drop()
        connection = session.connection()
        self.rows.create(connection)
        self.matched.create(connection)
        self.pending: list[tuple[dict, Partner]] = []
        self.total = 0
        # Rows go in through the driver with values made ready once per column: the same
        # statement through SQLAlchemy costs ten times as much as SQLite's part of it.
        dialect = session.get_bind().dialect
        self.order = [column.name for column in self.rows.columns]
        self.ready = [column.type.bind_processor(dialect) for column in self.rows.columns]
        mark = "?" if dialect.paramstyle == "qmark" else "%s"
        self.statement = (
            f"INSERT INTO {self.rows.name} ({', '.join(self.order)}) "
            f"VALUES ({', '.join([mark] * len(self.order))})"
        )

    def _widen_cache(self) -> int | None:
        """SQLite's page cache, widened while the new rows go in: a million new referrals
        update six indexes of the referral table and the history's, and with the default
        2 MiB each page is written out and read back many times (a fifth of the insert's
        time). Only then: SQLite's sorts may take as much memory as the cache, and
        matching sorts the file's rows and the referrals like them. What it was, to put
        back."""
        if self.session.get_bind().dialect.name != "sqlite":
            return None
        was = self.session.execute(text("PRAGMA cache_size")).scalar_one()
        pages = self.session.execute(text("PRAGMA page_size")).scalar_one()
        wide = -CACHE_KIB
        if (was < 0 and -was >= CACHE_KIB) or (was > 0 and was * pages >= CACHE_KIB * 1024):
            return None
        self.session.execute(text(f"PRAGMA cache_size = {wide}"))
        return was

    def _drop(self) -> None:
        for table in (self.matched, self.rows):
            self.session.execute(text(f"DROP TABLE IF EXISTS {table.name}"))

    def add(self, line: int, file_id: int | None, values: dict, partner: Partner) -> None:
        self.total += 1
        record = {"seq": self.total, "line": line, "file_id": file_id, **values}
        self.pending.append((record, partner))
        if len(self.pending) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        if not self.pending:
            return
        self.session.flush()  # partners added on the way get their ids
        records = []
        for record, partner in self.pending:
            record["partner_id"] = partner.id
            records.append(
                tuple(
                    value if ready is None or value is None else ready(value)
                    for value, ready in zip(map(record.get, self.order), self.ready, strict=True)
                )
            )
        self.session.connection().exec_driver_sql(self.statement, records)
        self.pending.clear()

    def match(self) -> dict[int, int]:
        """Match every staged row; how many rows matched each way (SAME_ID, ...)."""
        self._flush()
        rows, matched, target = self.rows, self.matched, self.target
        session = self.session
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text(f"ANALYZE {rows.name}"))  # temporary tables get no statistics
        if self.by_id:
            same = [target.c.id == rows.c.file_id]
            same += [target.c[k] == rows.c[k] for k in ("partner_id", "direction", "date")]
            claimed = select(rows.c.seq, target.c.id, literal(SAME_ID)).join(target, and_(*same))
            session.execute(insert(matched).from_select(["seq", "ref_id", "how"], claimed))
        session.execute(insert(matched).from_select(["seq", "ref_id", "how"], self._alike()))
        # The file's id is kept by the first new row that has it, if no row of the table does.
        new = rows.c.seq.not_in(select(matched.c.seq))
        first = (
            select(func.min(rows.c.seq))
            .where(new, rows.c.file_id.is_not(None))
            .group_by(rows.c.file_id)
        )
        taken = exists().where(target.c.id == rows.c.file_id)
        keeps = select(rows.c.seq, rows.c.file_id, literal(NEW_WITH_ID)).where(
            rows.c.seq.in_(first), ~taken
        )
        session.execute(insert(matched).from_select(["seq", "ref_id", "how"], keeps))
        counts = dict(
            session.execute(select(matched.c.how, func.count()).group_by(matched.c.how)).all()
        )
        return {how: counts.get(how, 0) for how in (SAME_ID, SAME_CONTENT, NEW_WITH_ID)}

    def _alike(self):
        """The rows not claimed by id paired with the referrals of the same content."""
        rows, matched, target = self.rows, self.matched, self.target

        def ranked(table, order, *where):
            keys = [table.c[k] for k in self.content]
            number = func.row_number().over(partition_by=keys, order_by=order)
            return select(order.label("key"), *keys, number.label("n")).where(*where)

        staged = ranked(rows, rows.c.seq, rows.c.seq.not_in(select(matched.c.seq)))
        probes = select(*[rows.c[k] for k in self.probe]).distinct().subquery("probes")
        present = (
            ranked(target, target.c.id, target.c.id.not_in(select(matched.c.ref_id)))
            .join_from(target, probes, and_(*(target.c[k] == probes.c[k] for k in self.probe)))
            .subquery("present")
        )
        staged = staged.subquery("staged")
        # Hash-joined on the columns that are never empty; the others compared as well,
        # an empty one equal to an empty one.
        same = [staged.c.n == present.c.n]
        for key in self.content:
            pair = (staged.c[key], present.c[key])
            nullable = self.target.c[key].nullable
            same.append(pair[0].is_not_distinct_from(pair[1]) if nullable else pair[0] == pair[1])
        return select(staged.c.key, present.c.key, literal(SAME_CONTENT)).join(present, and_(*same))

    def insert_new(self) -> None:
        """Write the new rows in the file's order: those keeping the file's id first."""
        cache = self._widen_cache()
        try:
            self._insert_new()
        finally:
            if cache is not None:
                self.session.execute(text(f"PRAGMA cache_size = {int(cache)}"))

    def _insert_new(self) -> None:
        rows, matched = self.rows, self.matched
        now = utc_now()  # when the file gives none
        values = [
            func.coalesce(rows.c[c], literal(now, rows.c[c].type)).label(c)
            if c in ("created_at", "updated_at")
            else rows.c[c]
            for c in self.columns
        ]
        keeping = select(matched.c.seq).where(matched.c.how == NEW_WITH_ID)
        with_id = select(rows.c.file_id, *values).where(rows.c.seq.in_(keeping))
        self.session.execute(
            insert(self.target).from_select(["id", *self.columns], with_id.order_by(rows.c.seq))
        )
        advance_id_counter(self.session, self.model)
        others = select(*values).where(rows.c.seq.not_in(select(matched.c.seq)))
        self.session.execute(
            insert(self.target).from_select(self.columns, others.order_by(rows.c.seq))
        )

    def read(self, how: Sequence[int | None], *, limit: int | None = None) -> Iterator:
        """The staged rows matched in one of these ways (None: new without an id of their
        own), in the file's order, with the matched row's columns (`was_...`) and the
        partner's name; in pages, so any number of them can be read."""
        rows, matched, target = self.rows, self.matched, self.target
        partner = Partner.__table__
        was = [target.c[c].label(f"was_{c}") for c in self.columns]
        query = (
            select(rows, matched.c.ref_id, partner.c.name.label("partner_name"), *was)
            .join_from(rows, matched, matched.c.seq == rows.c.seq, isouter=True)
            .join(target, target.c.id == matched.c.ref_id, isouter=True)
            .join(partner, partner.c.id == rows.c.partner_id)
        )
        ways = or_(
            matched.c.how.in_([h for h in how if h is not None]),
            matched.c.how.is_(None) if None in how else false(),
        )
        after, left = 0, limit
        while left is None or left > 0:
            size = BATCH if left is None else min(BATCH, left)
            page = self.session.execute(
                query.where(rows.c.seq > after, ways).order_by(rows.c.seq).limit(size)
            ).all()
            yield from page
            if len(page) < size:
                return
            after = page[-1].seq
            left = None if left is None else left - len(page)

    def drop(self) -> None:
        self._drop()
