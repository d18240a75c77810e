"""Writes a checked Plan, matching each record to what the database already holds.

Safe to run twice: a partner is matched by name and only its empty fields are filled unless
`overwrite`; a referral is matched by id (same partner, direction and date) or else by its
content; a touch by its content. Which partner a name means is matching's job.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from sqlalchemy import insert, select, update
from sqlmodel import Session

from reciprocity_cli.core import fields as f
from reciprocity_cli.core import settings
from reciprocity_cli.core.imports.bulk import advance_id_counter, insert_rows
from reciprocity_cli.core.imports.matching import PartnerMatcher
from reciprocity_cli.core.imports.records import (
    ClosedRow,
    PartnerRow,
    Plan,
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

    def apply(self, plan: Plan) -> Summary:
        self.partners.prepare(plan)
        self.known = plan.known_columns
        for row in plan.partners:
            self.partner(row)
            self.tick(1)
        if self.partners.kept_ids:
            self.session.flush()
            advance_id_counter(self.session, Partner)
        for key, value in plan.settings.items():
            self.setting(key, value)
        self.referrals(plan.referrals)
        self.touches(plan.touches)
        self.closed_days(plan.closed_days)
        return self.summary

    def partner(self, row: PartnerRow) -> Partner:
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

    def check_currency(self, rows: list[ReferralRow] | list[TouchRow]) -> None:
        """Amounts the file wrote with a currency must be in the database's (set by now, if
        the file is a backup that brings one): they are added up with the others."""
        priced = [row for row in rows if row.priced is not None]
        if not priced:
            return
        currency = settings.load(self.session).currency
        for row in priced:
            checked(row.line, f.parse_value, row.priced.text, row.priced.field, currency)

    def referrals(self, rows: list[ReferralRow]) -> None:
        if not rows:
            return
        self.check_currency(rows)
        names = []
        for row, partner in zip(rows, self.partners.for_entries(rows), strict=True):
            row.columns["partner_id"] = partner.id  # in place: a copy would double the memory
            names.append(partner.name)
        resolved = [(row, row.columns) for row in rows]
        first = min(row.columns["date"] for row in rows)
        last = max(row.columns["date"] for row in rows)
        # Only referrals in the file's date range can match one of its rows; they are read as
        # plain tuples, not ORM objects, to keep memory small.
        columns_read = (*REFERRAL_CONTENT, "thanked_on", "closed_on")
        existing = {
            ref_id: dict(zip(columns_read, values, strict=True))
            for ref_id, *values in self.session.execute(
                select(Referral.id, *[getattr(Referral, c) for c in columns_read]).where(
                    Referral.date >= first, Referral.date <= last
                )
            )
        }
        wanted_ids = [row.id for row in rows if row.id is not None]
        taken_ids = set()
        for start in range(0, len(wanted_ids), 500):
            chunk = wanted_ids[start : start + 500]
            taken_ids |= set(
                self.session.scalars(select(Referral.id).where(Referral.id.in_(chunk)))
            )
        # A row with an id matches that referral if partner, direction and date agree.
        matched = {
            row.line: row.id
            for row, columns in resolved
            if row.id in existing
            and all(existing[row.id][k] == columns[k] for k in ("partner_id", "direction", "date"))
        }
        matched_ids = set(matched.values())
        # What a sheet leaves out is unknown, not empty: a referral recorded with --by
        # is the same one a sheet without a by column lists.
        content_keys = [k for k in REFERRAL_CONTENT if self.known is None or k in self.known]
        unmatched: dict[tuple, list[int]] = {}
        for ref_id, current in existing.items():
            if ref_id not in matched_ids:
                unmatched.setdefault(tuple(current[k] for k in content_keys), []).append(ref_id)
        new_rows = []
        for (row, columns), name in zip(resolved, names, strict=True):
            if row.line in matched:
                ref_id = matched[row.line]
                item = _referral_item(row.line, ref_id, columns, name)
                self._merge_referral(ref_id, existing[ref_id], columns, item)
            else:
                content = tuple(columns[key] for key in content_keys)
                if unmatched.get(content):
                    ref_id = unmatched[content].pop(0)
                    item = _referral_item(row.line, ref_id, columns, name)
                    self.summary.record("skip", "referrals", lambda item=item: item)
                else:
                    now = utc_now()
                    record = {
                        **columns,
                        "created_at": row.created_at or now,
                        "updated_at": row.updated_at or now,
                    }
                    if row.id is not None and row.id not in taken_ids:
                        record["id"] = row.id
                        taken_ids.add(row.id)
                    new_rows.append(record)
                    self.summary.record(
                        "add",
                        "referrals",
                        lambda row=row, columns=columns, name=name: _referral_item(
                            row.line, row.id, columns, name
                        ),
                    )
            self.tick(1)
        insert_rows(self.session, Referral, new_rows)

    def _merge_referral(self, ref_id: int, current: dict, columns: dict, item: dict) -> None:
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
            self.session.execute(
                update(Referral)
                .where(Referral.id == ref_id)
                .values(**changes, updated_at=utc_now())
            )
            fields = sorted(FIELD_NAMES.get(key, key) for key in changes)
            self.summary.record("update", "referrals", lambda: {**item, "fields": fields})
        else:
            self.summary.record("skip", "referrals", lambda: item)

    def touches(self, rows: list[TouchRow]) -> None:
        if not rows:
            return
        self.check_currency(rows)
        key_columns = ("partner_id", "kind", "date", "note", "cost_cents", "made_by")
        present = Counter(
            tuple(row)
            for row in self.session.execute(select(*[getattr(Touch, k) for k in key_columns]))
        )
        taken = set(self.session.scalars(select(Touch.id)))
        new_rows = []
        for row, partner in zip(rows, self.partners.for_entries(rows), strict=True):
            columns = {**row.columns, "partner_id": partner.id}
            content = tuple(columns[k] for k in key_columns)
            item = {
                "line": row.line,
                "date": columns["date"],
                "kind": columns["kind"],
                "partner": partner.name,
                "note": columns["note"],
            }
            if present[content] > 0:
                present[content] -= 1
                self.summary.record("skip", "touches", lambda item=item: item)
            else:
                record = {**columns, "created_at": row.created_at or utc_now()}
                if row.id is not None and row.id not in taken:
                    record["id"] = row.id
                    taken.add(row.id)
                new_rows.append(record)
                self.summary.record("add", "touches", lambda item=item: item)
            self.tick(1)
        insert_rows(self.session, Touch, new_rows)

    def closed_days(self, rows: list[ClosedRow]) -> None:
        """A day closed already keeps its note, unless it has none or `overwrite`."""
        if not rows:
            return
        first, last = min(row.date for row in rows), max(row.date for row in rows)
        existing = {
            day.date: day
            for day in self.session.scalars(
                select(ClosedDay).where(ClosedDay.date >= first, ClosedDay.date <= last)
            )
        }
        new_rows = []
        for row in rows:
            current = existing.get(row.date)
            item = {"date": row.date, "note": row.note}
            if current is None:
                new_rows.append(item)
                self.summary.record("add", "closed days", lambda item=item: item)
            elif row.note and current.note != row.note and (self.overwrite or not current.note):
                current.note = row.note
                self.summary.record("update", "closed days", lambda item=item: item)
            else:
                self.summary.record("skip", "closed days", lambda item=item: item)
        for start in range(0, len(new_rows), 5000):
            self.session.execute(insert(ClosedDay), new_rows[start : start + 5000])


# Columns as a file names them.
FIELD_NAMES = {"value_cents": "value", "made_by": "by"}


def _referral_item(line: int, ref_id: int | None, columns: dict, partner: str) -> dict:
    """A referral as a dry run lists it."""
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
