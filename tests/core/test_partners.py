"""Name rules and resolution on the core, without the CLI."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reciprocity_cli.core import fields, partners
from reciprocity_cli.db import Database
from reciprocity_cli.errors import PartnerNotFound, RecipError
from reciprocity_cli.location import locate
from tests.helpers import examples


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    db = Database(locate(str(tmp_path_factory.mktemp("core") / "core.db")))
    with db.session(write=True) as session:
        for name in ("Joe's Plumbing", "Harbor View Hotel", "Harbor Fish Bar", "Acme Roofing"):
            partners.add(session, name, partners.Details(), force=True)
    yield db
    db.close()


def resolve(database, typed):
    with database.session(write=False) as session:
        return partners.resolve(session, typed).name


names = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=60
).filter(lambda s: s.strip())


@given(names)
def test_clean_name_is_idempotent_and_trimmed(raw):
    cleaned = fields.clean_name(raw)
    assert cleaned == cleaned.strip() and "  " not in cleaned
    assert fields.clean_name(cleaned) == cleaned
    assert fields.name_key(cleaned.upper()) == fields.name_key(cleaned.lower().upper())


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=examples(40))
@given(
    st.sampled_from(["Joe's Plumbing", "Harbor View Hotel", "Acme Roofing"]),
    st.sampled_from([str.upper, str.lower, str.title, lambda s: f"  {s}  "]),
)
def test_exact_names_resolve_in_any_case_and_spacing(database, name, variant):
    assert resolve(database, variant(name)) == name


@pytest.mark.parametrize(
    ("typed", "found"),
    [("joe", "Joe's Plumbing"), ("HARBOR V", "Harbor View Hotel"), ("a", "Acme Roofing")],
)
def test_unique_prefixes(database, typed, found):
    assert resolve(database, typed) == found


def test_ambiguous_prefix(database):
    with pytest.raises(RecipError, match='"Harbor Fish Bar", "Harbor View Hotel"'):
        resolve(database, "harbor")


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("roofr", ["Acme Roofing"]),
        ("plumbing", ["Joe's Plumbing"]),
        ("harbour view", ["Harbor View Hotel"]),
        ("zzz", []),
    ],
)
def test_close_matches(database, typed, suggested):
    with pytest.raises(PartnerNotFound) as raised:
        resolve(database, typed)
    assert raised.value.suggestions == suggested


@pytest.mark.parametrize("typed", ["%", "_", "Joe%", "\\"])
def test_like_wildcards_are_literal(database, typed):
    with pytest.raises(PartnerNotFound):
        resolve(database, typed)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Café Flore", "cafe flore"),
        ("CAFE FLORE", "cafe flore"),
        ("  Zoë's   SALON ", "zoe's salon"),
        ("Straße", "strasse"),
        ("ﬁne \uff37ines", "fine wines"),  # a ligature and a full-width W, as NFKD reads them
        ("Cafe\u0301", "cafe"),  # an accent typed as a combining mark
    ],
)
def test_fold_drops_case_accents_and_extra_spaces(text, folded):
    assert fields.fold(text) == folded


@given(names)
def test_fold_is_idempotent_and_agrees_with_loose_key(raw):
    folded = fields.fold(raw)
    assert fields.fold(folded) == folded
    assert fields.loose_key(raw) == fields.loose_key(folded)
