"""Which partner each name in a file means, and which new names an import may add.

Names follow the rules of `recip partner add`: a name in the file matches the partner of
that name ignoring case and accents, else the one whose name is the same but for
punctuation and a legal suffix ("Bayside Roofing Ltd" is "Bayside Roofing"); a new name
that looks like an existing one ("Harbor View" beside "Harbor View Hotel") stops the
import. The partners a file lists itself are taken as different businesses, however alike
their names, so a backup holding names added with --force restores as it was.

A spreadsheet's names were typed by people, as on the command line: there a referral's
partner is also found as `recip give` finds it, by the unique start of the name or of a
word in it ("joe" is Joe's Plumbing); see typed_names.
"""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import select
from sqlmodel import Session

from reciprocity_cli.core import fields as f
from reciprocity_cli.core import partners as p
from reciprocity_cli.core.imports.plan import Plan
from reciprocity_cli.core.imports.records import PartnerRow, RowError
from reciprocity_cli.core.imports.summary import Summary
from reciprocity_cli.core.imports.typed_names import StartIndex
from reciprocity_cli.core.lookalikes import Lookalikes
from reciprocity_cli.core.words import name_fold
from reciprocity_cli.models import Partner

FLUSH_EVERY = 1000  # new partners


class PartnerMatcher:
    """Finds and adds partners through one session, counting what it adds in `summary`."""

    def __init__(self, session: Session, summary: Summary, *, create_partners: bool):
        self.session = session
        self.summary = summary
        self.create_partners = create_partners
        self.by_key: dict[str, Partner] = {}
        # Looser keys (case and accents; then punctuation and legal suffix aside) and the
        # partners that have each.
        self.by_loose: dict[str, list[Partner]] = {}
        self.listed: set[str] = set()  # name keys of the partners the file lists
        # The partners a new name must not look like: all but those the file lists, set up
        # by prepare() once the file is known and kept up to date as partners are added
        # (rebuilding it for every row made imports quadratic).
        self.unlisted: dict[str, Partner] = {}
        self.lookalikes = Lookalikes()  # the unlisted names, indexed for refuse_near_duplicate
        self.starts: StartIndex | None = None  # for names typed by people only
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
        if self.starts is not None and not partner.archived:
            self.starts.add(partner.name)

    @staticmethod
    def _loose_keys(name: str) -> list[str]:
        """A name without a letter or a digit ("★★★") is matched exactly or not at all."""
        keys = {"fold": f.fold(name), "loose": f.loose_key(name), "stem": p.stem_key(name)}
        if not keys["loose"]:
            return [f"fold:{keys['fold']}"]
        return [f"{kind}:{key}" for kind, key in keys.items()]

    def prepare(self, plan: Plan) -> None:
        """Index the names this file may add or look up."""
        self.listed = {f.name_key(name) for name in plan.partner_names}
        self.unlisted = {
            partner.name: partner
            for partner in self.by_key.values()
            if partner.name_key not in self.listed
        }
        # Every name the import may add or look up orders the index (see Lookalikes).
        self.lookalikes = Lookalikes([*self.unlisted, *plan.partner_names, *plan.entry_names])
        for name in self.unlisted:
            self.lookalikes.add(name)
        if plan.names_typed:
            active = [partner.name for partner in self.by_key.values() if not partner.archived]
            self.starts = StartIndex([*active, *plan.entry_names])
            for name in active:
                self.starts.add(name)

    def find(self, name: str, line: int) -> Partner | None:
        found = self.by_key.get(_key(name))
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
                self.summary.matched(name, alike[0].name, line)
                return alike[0]
        return None

    def _find_typed(self, name: str, line: int) -> Partner | None:
        """As the command line: the one active partner whose name, or a word of it, starts
        with what the row says."""
        found = self.find(name, line)
        if found is not None or self.starts is None:
            return found
        hits = self.starts.matches(name)
        if len(hits) > 1:
            shown = ", ".join(f'"{hit}"' for hit in hits[:5])
            more = f" and {len(hits) - 5} more" if len(hits) > 5 else ""
            raise RowError(
                line, f'"{name}" matches several partners: {shown}{more}; write more of the name.'
            )
        if not hits:
            return None
        self.summary.matched(name, hits[0], line)
        return self.by_key[f.name_key(hits[0])]

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

    def add(self, row: PartnerRow) -> Partner:
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
        self.summary.record("add", "partners", lambda: _partner_item(row))
        # New partners are inserted 1,000 at a time, their ids coming with the flush: a
        # flush for each made large imports slow.
        if self.summary.added["partners"] % FLUSH_EVERY == 0:
            self.session.flush()
        return partner

    def for_entry(self, name: str, line: int) -> Partner:
        """The partner a referral or touch names; a new one only with create_partners."""
        found = self._find_typed(name, line)
        if found is not None:
            return found
        if not self.create_partners:
            self.refuse_near_duplicate(name, line)
            raise RowError(line, self._not_found(name))
        return self.add(PartnerRow(line, name, {}))

    def _not_found(self, name: str) -> str:
        """What a name that matches no partner says, with the names spelt like it."""
        by_fold = {name_fold(partner.name): partner.name for partner in self.by_key.values()}
        close = [by_fold[key] for key in p.close_matches(name_fold(name), list(by_fold))]
        if not close:
            return f'no partner named "{name}"; add it first, or import with --create-partners.'
        shown = " or ".join(f'"{other}"' for other in close)
        return (
            f'no partner named "{name}"; did you mean {shown}? Write the name as recip has it, '
            "or import with --create-partners to add it."
        )


@lru_cache(maxsize=4096)
def _key(name: str) -> str:
    """A file names a few partners over and over: each spelling is keyed once."""
    return f.name_key(name)


def _partner_item(row: PartnerRow) -> dict:
    return {"line": row.line, "name": row.name, "fields": sorted(row.columns)}
