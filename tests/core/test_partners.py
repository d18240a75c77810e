"""Name rules and resolution on the core, without the CLI."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reciprocity_cli.core import fields, partners
from reciprocity_cli.core.words import name_key, visible
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
).filter(lambda s: any(visible(ch) for ch in s) and len(name_key(s)) <= fields.NAME_MAX)


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
        ("plumbng", ["Joe's Plumbing"]),
        ("harbour view", ["Harbor View Hotel"]),
        ("zzz", []),
    ],
)
def test_close_matches(database, typed, suggested):
    with pytest.raises(PartnerNotFound) as raised:
        resolve(database, typed)
    assert raised.value.suggestions == suggested


def test_an_apostrophe_starts_no_word(database):
    with pytest.raises(PartnerNotFound):
        resolve(database, "s plumbing")  # not a word of "Joe's Plumbing"
    assert resolve(database, "plumbing") == "Joe's Plumbing"


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


@pytest.mark.parametrize(
    ("new", "existing"),
    [
        ("Harbor View", "Harbor View Hotel"),  # the start of the other at a word boundary
        ("Harbor View Hotel & Spa", "Harbor View Hotel"),  # ...either way round
        ("harbor", "Harbor View Hotel"),
        ("Bayside Roofing Ltd", "Bayside Roofing"),  # a legal suffix
        ("Bayside Roofing, L.L.C.", "Bayside Roofing Inc."),
        ("BAYSIDE RÖOFING GmbH & Co. KG", "Bayside Roofing"),
        ("Bayside Roofing Pty. Ltd.", "Bayside-Roofing"),  # punctuation between words
        ("Joes Plumbing", "Joe's Plumbing"),  # the existing checks go on working
        ("Joe's Plumbin", "Joe's Plumbing"),
        ("Cafe Uber", "Café Über"),
    ],
)
def test_near_duplicates(new, existing):
    assert partners.similar_name(new, ["Acme", existing]) == existing


@pytest.mark.parametrize(
    ("new", "existing"),
    [
        ("Harb", "Harbor View Hotel"),  # not at a word boundary
        ("View Hotel", "Harbor View Hotel"),  # not the start
        ("Joe", "Joe's Plumbing"),
        ("Unit 1 Garage", "Unit 2 Garage"),
        ("Ltd Plumbing", "Acme Plumbing Ltd"),
        ("Inc", "Ltd"),  # a name that is only a suffix keeps it
        ("★★★", "Harbor View Hotel"),  # no words at all
    ],
)
def test_not_near_duplicates(new, existing):
    assert partners.similar_name(new, [existing]) is None


@pytest.fixture(scope="module")
def town(tmp_path_factory):
    db = Database(locate(str(tmp_path_factory.mktemp("town") / "town.db")))
    with db.session(write=True) as session:
        for name in (
            "City Taxi",
            "Big City Bakery",
            "Café Flore",
            "Cafe Flore",  # a different business, added with --force
            "Old Town Flowers",
            "Zoes Salon",
            "Laura Bianchi",
            "Lakeside Inn",
            "Harbor View Hotel",
        ):
            partners.add(session, name, partners.Details(), force=True)
        partners.set_archived(partners.find_exact(session, "Laura Bianchi"), True)
    yield db
    db.close()


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("café flore", "Café Flore"),  # exact, accents and all
        ("CAFE FLORE", "Cafe Flore"),
        ("taxi", "City Taxi"),
        ("city", "City Taxi"),  # the start of the name first
        ("city b", "Big City Bakery"),
        ("Zoë", "Zoes Salon"),
        ("view hotel", "Harbor View Hotel"),
        ("laura bianchí", "Laura Bianchi"),  # archived: the exact name only
        ("la", "Lakeside Inn"),
        ("town", "Old Town Flowers"),
    ],
)
def test_resolution_order(town, typed, found):
    assert resolve(town, typed) == found


@pytest.mark.parametrize(
    ("typed", "listed"),
    [
        ("cafè flore", '"Cafe Flore", "Café Flore"'),  # two exact names once accents go
        ("caf", '"Cafe Flore", "Café Flore"'),  # two starts of names
        ("flo", '"Cafe Flore", "Café Flore", "Old Town Flowers"'),  # three starts of words
    ],
)
def test_several_matches_at_one_step_are_listed(town, typed, listed):
    with pytest.raises(RecipError, match=f"matches several partners: {listed}. Type more"):
        resolve(town, typed)


@pytest.mark.parametrize("typed", ["lau", "bianchi", "Laura Bianch"])
def test_archived_partners_are_suggested_not_found_by_a_start(town, typed):
    with pytest.raises(PartnerNotFound) as raised:
        resolve(town, typed)
    assert raised.value.suggestions[0] == "Laura Bianchi"
    assert raised.value.archived == ["Laura Bianchi"]
    assert "(archived)? An archived partner is found by its full name only." in str(raised.value)


def test_restoring_looks_among_archived_partners(town):
    with town.session(write=False) as session:
        assert partners.resolve(session, "lau", archived=True).name == "Laura Bianchi"
        with pytest.raises(PartnerNotFound):
            partners.resolve(session, "taxi", archived=True)


@pytest.mark.parametrize("typed", ["\u0301", "\u0301\u0301 ", "\u200b", "\u3164"])
def test_nothing_visible_typed_is_no_match(town, typed):
    with pytest.raises(RecipError, match="has no visible characters"):
        resolve(town, typed)
