"""A partner's contact person as the parts of a vCard's N, which phones show as the name."""

import pytest

from reciprocity_cli.core.vcard_out import name_parts


@pytest.mark.parametrize(
    ("contact", "family", "given", "prefix", "suffix"),
    [
        ("Joe Bloggs", "Bloggs", "Joe", "", ""),
        ("Bloggs, Joe", "Bloggs", "Joe", "", ""),
        ("  Mary   Ann  Smith ", "Smith", "Mary Ann", "", ""),
        ("Joe", "", "Joe", "", ""),
        ("Mr. Okafor", "Okafor", "", "Mr.", ""),
        ("Dr. Jane van der Berg", "van der Berg", "Jane", "Dr.", ""),
        ("Ludwig van Beethoven", "van Beethoven", "Ludwig", "", ""),
        ("Joe Bloggs Jr.", "Bloggs", "Joe", "", "Jr."),
        ("Joe Bloggs, Jr.", "Bloggs", "Joe", "", "Jr."),
        ("Van Morrison", "Morrison", "Van", "", ""),  # a given name that is also a particle
        ("Dr.", "", "Dr.", "", ""),  # a word alone is a name, whatever it is
        ("", "", "", "", ""),
        (None, "", "", "", ""),
    ],
)
def test_a_contact_person_split_as_phones_show_it(contact, family, given, prefix, suffix):
    assert name_parts(contact) == {
        "family": family,
        "given": given,
        "prefix": prefix,
        "suffix": suffix,
    }
