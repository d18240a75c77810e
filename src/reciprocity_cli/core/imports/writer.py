"""Writes a checked Plan, matching each record to what the database already holds.

Safe to run twice: a partner is matched by name and only its empty fields are filled unless
`overwrite`; a referral is matched by id (same partner, direction and date) or else by its
content; a touch by its content (present.py: the database answers which). Which partner a
name means is matching's job. The rows come one at a time from the file's second read.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import bindparam, insert, select, update
from sqlmodel import Session

from reciprocity_cli.core import fields as f
from reciprocity_cli.core import settings
from reciprocity_cli.core.imports.bulk import advance_id_counter
from reciprocity_cli.core.imports.history_records import HistoryRestore
from reciprocity_cli.core.imports.matching import PartnerMatcher
from reciprocity_cli.core.imports.plan import Plan
from reciprocity_cli.core.imports.present import BATCH, NEW_WITH_ID, SAME_CONTENT, SAME_ID, Staged
from reciprocity_cli.core.imports.records import (
    ClosedRow,
    PartnerRow,
    ReferralRow,
    TouchRow,
    checked,
)
from reciprocity_cli.core.imports.summary import Summary
from reciprocity_cli.models import ClosedDay, Partner, Referral, Setting, Touch, utc_now

REFERRAL_CONTENT = (
    "partner_id",
    "direction",
    "date",
    "customer",
    "customer_contact",
    "note",
    "heat",
    "value_cents",
    "status",
    "made_by",
)
MERGED = (*REFERRAL_CONTENT, "thanked_on", "closed_on")  # what a referral takes from the file
TOUCH_CONTENT = ("partner_id", "kind", "date", "note", "cost_cents", "made_by")


class Applier:
    """Writes a Plan through one session; the caller owns the transaction."""

    def __init__(
        self,
        session: Session,
        *,
        overwrite: bool,
        create_partners: bool,
        tick: Callable[[int], None] = lambda n: None,
        detailed: bool = False,
        keep: int | None = None,
    ):
        self.session = session
        self.overwrite = overwrite
        self.tick = tick
        self.summary = Summary(detailed=detailed, keep=keep)
        self.partners = PartnerMatcher(session, self.summary, create_partners=create_partners)
        self.known: frozenset[str] | None = None  # the referral columns the file gives
        self.currency: tuple[str | None] | None = None  # the database's, once a row needs it
        self.staged: Staged | None = None
        self.closed: list[ClosedRow] = []
        self.history: HistoryRestore | None = None
        self.notes: list[str] = []

    def apply(self, plan: Plan) -> Summary:
        self.partners.prepare(plan)
        self.known = plan.known_columns
        for key, value in plan.settings.items():  # first: amounts are read in its currency
            self.setting(key, value)
        write = {
            "partners": self.partner,
            "referrals": self.referral,
            "touches": self.touch,
            "closed days": self.closed_day,
            "changes": self.change,
            "change rows": self.change,
        }
        kind = None
        rows = plan.rows()
        try:
            for now, row in rows:
                if now != kind:
                    self._finish(kind)
                    kind = now
                write[kind](row)
            self._finish(kind)
        finally:
            rows.close()
        return self.summary

    def _finish(self, kind: str | None) -> None:
        """The rows of one kind are all read: write what was kept back."""
        if kind == "partners" and self.partners.kept_ids:
            self.session.flush()
            advance_id_counter(self.session, Partner)
        elif kind == "referrals":
            self._referrals_done()
        elif kind == "touches":
            self._touches_done()
        elif kind == "closed days":
            self._closed_days()
        elif kind in ("changes", "change rows"):
            self.history.finish()

    def partner(self, row: PartnerRow) -> Partner:
        self.tick(1)
        existing = self.partners.find(row.name, row.line)
        if existing is None:
            return self.partners.add(row)
        changed = []
        for column, value in row.columns.items():
            current = getattr(existing, column)
            if current != value and (self.overwrite or current in (None, "")):
                setattr(existing, column, value)
                changed.append(column)
        item = {"line": row.line, "name": existing.name, "fields": changed}
        if changed:
            existing.updated_at = utc_now()
            self.summary.record("update", "partners", lambda: item)
        else:
            self.summary.record("skip", "partners", lambda: item)
        return existing

    def setting(self, key: str, value: str) -> None:
        row = self.session.get(Setting, key)
        item = {"key": key, "value": value}
        if row is None:
            self.session.add(Setting(key=key, value=value))
            self.summary.record("add", "settings", lambda: item)
        elif row.value != value and self.overwrite:
            row.value = value
            self.summary.record("update", "settings", lambda: item)
        else:
            self.summary.record("skip", "settings", lambda: item)

    def _priced(self, row: ReferralRow | TouchRow) -> None:
        """An amount the file wrote with a currency must be in the database's (set by now,
        if the file is a backup that brings one): it is added up with the others."""
        if row.priced is None:
            return
        if self.currency is None:
            self.session.flush()
            self.currency = (settings.load(self.session).currency,)
        checked(row.line, f.parse_value, row.priced.text, row.priced.field, self.currency[0])

    def referral(self, row: ReferralRow) -> None:
        if self.staged is None:
            # What a sheet leaves out is unknown, not empty: a referral recorded with --by
            # is the same one a sheet without a by column lists.
            content = [k for k in REFERRAL_CONTENT if self.known is None or k in self.known]
            probe = ("partner_id", "direction", "date")
            self.staged = Staged(self.session, Referral, content, probe, by_id=True)
        self._stage(row, {**row.columns, "updated_at": row.updated_at})

    def touch(self, row: TouchRow) -> None:
        if self.staged is None:
            probe = ("partner_id", "date")
            self.staged = Staged(self.session, Touch, TOUCH_CONTENT, probe, by_id=False)
        self._stage(row, dict(row.columns))

    def _stage(self, row: ReferralRow | TouchRow, values: dict) -> None:
        self._priced(row)
        partner = self.partners.for_entry(row.partner, row.line)
        self.staged.add(row.line, row.id, {**values, "created_at": row.created_at}, partner)
        self.tick(1)

    def _referrals_done(self) -> None:
        staged, self.staged = self.staged, None
        counts = staged.match()
        updates = _Updates(self.session, Referral)
        for found in staged.read([SAME_ID]):
            columns = {key: getattr(found, key) for key in MERGED}
            current = {key: getattr(found, f"was_{key}") for key in MERGED}
            item = _referral_item(found.line, found.ref_id, columns, found.partner_name)
            self._merge_referral(found.ref_id, current, columns, item, updates)
        updates.flush()
        staged.insert_new()
        self._count(staged, counts, "referrals", _referral_item)
        staged.drop()

    def _touches_done(self) -> None:
        staged, self.staged = self.staged, None
        counts = staged.match()
        staged.insert_new()
        self._count(staged, counts, "touches", _touch_item)
        staged.drop()

    def _count(self, staged: Staged, counts: dict, kind: str, item: Callable) -> None:
        """Rows added and skipped as present; the first of each by name, when detailed."""
        added = staged.total - counts[SAME_ID] - counts[SAME_CONTENT]
        self.summary.counter("add")[kind] += added
        self.summary.counter("skip")[kind] += counts[SAME_CONTENT]
        if not self.summary.detailed:
            return
        keep = self.summary.keep
        for action, ways, key in (
            ("add", [NEW_WITH_ID, None], "file_id"),
            ("skip", [SAME_CONTENT], "ref_id"),
        ):
            found = staged.read(ways, limit=keep)
            self.summary.extend(action, kind, [item(row, getattr(row, key)) for row in found])

    def _merge_referral(
        self, ref_id: int, current: dict, columns: dict, item: dict, updates: _Updates
    ) -> None:
        """Fill the referral's empty fields from the file (all differing ones with overwrite)."""
        changes = {
            key: value
            for key, value in columns.items()
            if current[key] != value
            and (self.overwrite or current[key] in (None, ""))
            and (self.known is None or key in self.known)
        }
        # The closing date goes with the status it dates: none while the referral stays (or
        # becomes) open, the file's with the file's outcome.
        if changes.get("status", current["status"]) == "open":
            closed = None
        elif "status" in changes:
            closed = columns["closed_on"]
        else:
            closed = changes.get("closed_on", current["closed_on"])
        changes.pop("closed_on", None)
        if closed != current["closed_on"]:
            changes["closed_on"] = closed
        if changes:
            updates.add(ref_id, {**changes, "updated_at": utc_now()})
            fields = sorted(FIELD_NAMES.get(key, key) for key in changes)
            self.summary.record("update", "referrals", lambda: {**item, "fields": fields})
        else:
            self.summary.record("skip", "referrals", lambda: item)

    def closed_day(self, row: ClosedRow) -> None:
        self.closed.append(row)
        if len(self.closed) >= BATCH:
            self._closed_days()

    def _closed_days(self) -> None:
        """A day closed already keeps its note, unless it has none or `overwrite`."""
        rows, self.closed = self.closed, []
        if not rows:
            return
        dates = [row.date for row in rows]
        existing = dict(
            self.session.execute(
                select(ClosedDay.date, ClosedDay.note).where(ClosedDay.date.in_(dates))
            ).all()
        )
        new_rows = []
        for row in rows:
            item = {"date": row.date, "note": row.note}
            if row.date not in existing:
                new_rows.append(item)
                self.summary.record("add", "closed days", lambda item=item: item)
            elif (
                row.note
                and existing[row.date] != row.note
                and (self.overwrite or not existing[row.date])
            ):
                self.session.execute(
                    update(ClosedDay).where(ClosedDay.date == row.date).values(note=row.note)
                )
                self.summary.record("update", "closed days", lambda item=item: item)
            else:
                self.summary.record("skip", "closed days", lambda item=item: item)
        if new_rows:
            self.session.execute(insert(ClosedDay), new_rows)

    def change(self, record) -> None:
        """The backup's history: put in place only in a database with none of its own."""
        if self.history is None:
            self.session.flush()
            self.history = HistoryRestore(self.session, empty=self.partners.keep_ids)
            if self.history.left_out:
                self.notes.append(self.history.left_out)
        self.history.add(record)


class _Updates:
    """Changes to many rows, sent together: one statement for each set of columns."""

    def __init__(self, session: Session, model):
        self.session, self.table = session, model.__table__
        self.waiting: dict[tuple[str, ...], list[dict]] = {}
        self.size = 0

    def add(self, row_id: int, values: dict) -> None:
        self.waiting.setdefault(tuple(sorted(values)), []).append({"row_id": row_id, **values})
        self.size += 1
        if self.size >= BATCH:
            self.flush()

    def flush(self) -> None:
        for keys, rows in self.waiting.items():
            statement = (
                update(self.table)
                .where(self.table.c.id == bindparam("row_id"))
                .values({key: bindparam(key) for key in keys})
            )
            self.session.execute(statement, rows)
        self.waiting, self.size = {}, 0


# Columns as a file names them.
FIELD_NAMES = {"value_cents": "value", "made_by": "by"}


def _referral_item(line, ref_id: int | None, columns=None, partner: str | None = None) -> dict:
    """A referral as a dry run lists it: from its line, id, columns and partner's name, or
    from a staged row and an id."""
    if columns is None:
        line, columns, partner = line.line, line._mapping, line.partner_name
    return {
        "line": line,
        "id": ref_id,
        "date": columns["date"],
        "direction": columns["direction"],
        "partner": partner,
        "customer": columns["customer"],
        "value": f.cents_to_decimal(columns["value_cents"]),
        "status": columns["status"],
    }


def _touch_item(row, _id: int | None) -> dict:
    return {
        "line": row.line,
        "date": row.date,
        "kind": row.kind,
        "partner": row.partner_name,
        "note": row.note,
    }
