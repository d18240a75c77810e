"""Writes a checked Plan, matching each record to what the database already holds.

Safe to run twice: a partner is matched by name and only its empty fields are filled unless
`overwrite`; a referral is matched by id (same partner, direction and date) or else by its
content; a touch by its content.

Names follow the rules of `recip partner add`: a name in the file matches the partner of
that name ignoring case and accents, else the one whose name is the same but for
punctuation and a legal suffix ("Bayside Roofing Ltd" is "Bayside Roofing"); a new name
that looks like an existing one ("Harbor View" beside "Harbor View Hotel") stops the
import. The partners a file lists itself are taken as different businesses, however alike
their names, so a backup holding names added with --force restores as it was.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from sqlalchemy import insert, select, update
from sqlmodel import Session

from reciprocity_cli.core import fields as f
from reciprocity_cli.core import partners as p
from reciprocity_cli.core import settings
from reciprocity_cli.core.imports.bulk import advance_id_counter, insert_rows
from reciprocity_cli.core.imports.records import (
    ClosedRow,
    PartnerRow,
    Plan,
    ReferralRow,
    RowError,
    TouchRow,
    checked,
)
from reciprocity_cli.core.imports.summary import Summary
from reciprocity_cli.core.lookalikes import Lookalikes
from reciprocity_cli.models import ClosedDay, Partner, Referral, Setting, Touch, utc_now

FLUSH_EVERY = 1000  # new partners

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
    ):
        self.session = session
        self.overwrite = overwrite
        self.create_partners = create_partners
        self.tick = tick
        self.summary = Summary()
        self.by_key: dict[str, Partner] = {}
        # Looser keys (case and accents; then punctuation and legal suffix aside) and the
        # partners that have each.
        self.by_loose: dict[str, list[Partner]] = {}
        self.listed: set[str] = set()  # name keys of the partners the file lists
        # The partners a new name must not look like: all but those the file lists, set up
        # by apply() once the file is known and kept up to date as partners are added
        # (rebuilding it for every row made imports quadratic).
        self.unlisted: dict[str, Partner] = {}
        self.lookalikes = Lookalikes()  # the unlisted names, indexed for refuse_near_duplicate
        for partner in session.scalars(select(Partner)):
            self._index(partner)
        # Restoring a backup into an empty database keeps its partners' ids, as it keeps
        # its referrals' ids: the change history it carries names rows by them.
        self.keep_ids = not self.by_key
        self.kept_ids: set[int] = set()

    def _index(self, partner: Partner) -> None:
        self.by_key[partner.name_key] = partner
        for key in self._loose_keys(partner.name):
            self.by_loose.setdefault(key, []).append(partner)

    @staticmethod
    def _loose_keys(name: str) -> list[str]:
        """A name without a letter or a digit ("★★★") is matched exactly or not at all."""
        keys = {"fold": f.fold(name), "loose": f.loose_key(name), "stem": p.stem_key(name)}
        if not keys["loose"]:
            return [f"fold:{keys['fold']}"]
        return [f"{kind}:{key}" for kind, key in keys.items()]

    def find(self, name: str, line: int) -> Partner | None:
        found = self.by_key.get(f.name_key(name))
        if found is not None:
            return found
        for key in self._loose_keys(name):
            alike = [
                partner
                for partner in self.by_loose.get(key, [])
                if partner.name_key not in self.listed
            ]
            if len(alike) > 1:
                names = " or ".join(f'"{partner.name}"' for partner in alike[:5])
                raise RowError(line, f'"{name}" could be {names}; use the exact name.')
            if alike:
                self.summary.matched_names.append((name, alike[0].name))
                return alike[0]
        return None

    def refuse_near_duplicate(self, name: str, line: int) -> None:
        """Stop at a new name that looks like a partner's, naming that partner."""
        similar = self.lookalikes.first_like(name)
        if similar is not None:
            state = " (archived)" if self.unlisted[similar].archived else ""
            raise RowError(
                line,
                f'"{name}" looks like the existing partner "{similar}"{state}; use that name '
                "in the file, or add it first with recip partner add --force.",
            )

    def apply(self, plan: Plan) -> Summary:
        self.listed = {f.name_key(row.name) for row in plan.partners}
        self.unlisted = {
            partner.name: partner
            for partner in self.by_key.values()
            if partner.name_key not in self.listed
        }
        # Every name the import may add or look up orders the index (see Lookalikes).
        self.lookalikes = Lookalikes(
            [
                *self.unlisted,
                *(row.name for row in plan.partners),
                *(row.partner for row in (*plan.referrals, *plan.touches)),
            ]
        )
        for name in self.unlisted:
            self.lookalikes.add(name)
        for row in plan.partners:
            self.partner(row)
            self.tick(1)
        if self.kept_ids:
            self.session.flush()
            advance_id_counter(self.session, Partner)
        for key, value in plan.settings.items():
            self.setting(key, value)
        self.referrals(plan.referrals)
        self.touches(plan.touches)
        self.closed_days(plan.closed_days)
        return self.summary

    def partner(self, row: PartnerRow) -> Partner:
        existing = self.find(row.name, row.line)
        if existing is None:
            return self.new_partner(row)
        changed = False
        for column, value in row.columns.items():
            current = getattr(existing, column)
            if current != value and (self.overwrite or current in (None, "")):
                setattr(existing, column, value)
                changed = True
        if changed:
            existing.updated_at = utc_now()
            self.summary.updated["partners"] += 1
        else:
            self.summary.skipped["partners"] += 1
        return existing

    def new_partner(self, row: PartnerRow) -> Partner:
        """A partner no name in the database matches, unless it looks like one."""
        self.refuse_near_duplicate(row.name, row.line)
        partner = Partner(name=row.name, name_key=f.name_key(row.name), **row.columns)
        if row.id is not None and self.keep_ids:
            if row.id in self.kept_ids:
                raise RowError(row.line, f"partner id {row.id} is listed twice; keep one.")
            self.kept_ids.add(row.id)
            partner.id = row.id
        if row.archived is not None:
            partner.archived = row.archived
        if row.created_at:
            partner.created_at = row.created_at
        if row.updated_at:
            partner.updated_at = row.updated_at
        self.session.add(partner)
        self._index(partner)
        if partner.name_key not in self.listed:
            self.unlisted[partner.name] = partner
            self.lookalikes.add(partner.name)
        self.summary.added["partners"] += 1
        # New partners are inserted 1,000 at a time, their ids coming with the flush: a
        # flush for each made large imports slow.
        if self.summary.added["partners"] % FLUSH_EVERY == 0:
            self.session.flush()
        return partner

    def partner_for(self, name: str, line: int) -> Partner:
        found = self.find(name, line)
        if found is not None:
            return found
        if not self.create_partners:
            self.refuse_near_duplicate(name, line)
            raise RowError(
                line, f'no partner named "{name}"; add it first, or import with --create-partners.'
            )
        return self.new_partner(PartnerRow(line, name, {}))

    def partner_ids(self, rows: list[ReferralRow] | list[TouchRow]) -> list[int]:
        """The partner of each row; those added last get their ids from the flush."""
        partners = [self.partner_for(row.partner, row.line) for row in rows]
        self.session.flush()
        return [partner.id for partner in partners]

    def setting(self, key: str, value: str) -> None:
        row = self.session.get(Setting, key)
        if row is None:
            self.session.add(Setting(key=key, value=value))
            self.summary.added["settings"] += 1
        elif row.value != value and self.overwrite:
            row.value = value
            self.summary.updated["settings"] += 1
        else:
            self.summary.skipped["settings"] += 1

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
        for row, partner_id in zip(rows, self.partner_ids(rows), strict=True):
            row.columns["partner_id"] = partner_id  # in place: a copy would double the memory
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
        unmatched = Counter(
            tuple(current[k] for k in REFERRAL_CONTENT)
            for ref_id, current in existing.items()
            if ref_id not in matched_ids
        )
        new_rows = []
        for row, columns in resolved:
            if row.line in matched:
                ref_id = matched[row.line]
                self._merge_referral(ref_id, existing[ref_id], columns)
            else:
                content = tuple(columns[key] for key in REFERRAL_CONTENT)
                if unmatched[content] > 0:
                    unmatched[content] -= 1
                    self.summary.skipped["referrals"] += 1
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
            self.tick(1)
        self._insert(Referral, new_rows, "referrals")

    def _merge_referral(self, ref_id: int, current: dict, columns: dict) -> None:
        """Fill the referral's empty fields from the file (all differing ones with overwrite)."""
        changes = {
            key: value
            for key, value in columns.items()
            if current[key] != value and (self.overwrite or current[key] in (None, ""))
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
            self.summary.updated["referrals"] += 1
        else:
            self.summary.skipped["referrals"] += 1

    def _insert(self, model, rows: list[dict], kind: str) -> None:
        insert_rows(self.session, model, rows)
        self.summary.added[kind] += len(rows)

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
        for row, partner_id in zip(rows, self.partner_ids(rows), strict=True):
            columns = {**row.columns, "partner_id": partner_id}
            content = tuple(columns[k] for k in key_columns)
            if present[content] > 0:
                present[content] -= 1
                self.summary.skipped["touches"] += 1
            else:
                record = {**columns, "created_at": row.created_at or utc_now()}
                if row.id is not None and row.id not in taken:
                    record["id"] = row.id
                    taken.add(row.id)
                new_rows.append(record)
            self.tick(1)
        self._insert(Touch, new_rows, "touches")

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
            if current is None:
                new_rows.append({"date": row.date, "note": row.note})
            elif row.note and current.note != row.note and (self.overwrite or not current.note):
                current.note = row.note
                self.summary.updated["closed days"] += 1
            else:
                self.summary.skipped["closed days"] += 1
        for start in range(0, len(new_rows), 5000):
            self.session.execute(insert(ClosedDay), new_rows[start : start + 5000])
        self.summary.added["closed days"] += len(new_rows)
