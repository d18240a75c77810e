"""The scorecard's database arithmetic against the rules written out in plain Python: on any
history, the median lag, the unreturned run and the counts come out as DESIGN defines them."""

import datetime as dt
import statistics
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from reciprocity_cli.core.scorecard import (
    median_lags,
    outcome_counts,
    rate,
    unreturned_runs,
)
from reciprocity_cli.db import Database
from reciprocity_cli.location import locate
from reciprocity_cli.models import Partner, Referral
from tests.helpers import examples

START = dt.date(2026, 1, 1)

# One partner's history: (direction, day offset, status); a few partners at once.
entry = st.tuples(
    st.sampled_from(["given", "got"]), st.integers(0, 40), st.sampled_from(["open", "won", "lost"])
)
histories = st.lists(st.lists(entry, max_size=12), min_size=1, max_size=4)


def expected_lag(history) -> Fraction | None:
    gives = sorted(START + dt.timedelta(days) for way, days, _ in history if way == "given")
    lags = []
    for way, days, _ in history:
        if way == "got":
            day = START + dt.timedelta(days)
            back = [g for g in gives if g >= day]
            if back:
                lags.append((back[0] - day).days)
    return Fraction(statistics.median(lags)) if lags else None


def expected_run(history) -> tuple[int, dt.date] | None:
    gots = [START + dt.timedelta(days) for way, days, _ in history if way == "got"]
    last = max(gots, default=None)
    run = sorted(
        START + dt.timedelta(days)
        for way, days, _ in history
        if way == "given" and (last is None or START + dt.timedelta(days) > last)
    )
    return (len(run), run[0]) if run else None


@pytest.fixture
def database(isolated):
    db = Database(locate(str(isolated)))
    yield db
    db.close()


@settings(
    max_examples=examples(120),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(histories)
def test_the_database_agrees_with_the_rules(database, partners_histories):
    with database.session(write=True) as session:
        session.execute(delete(Referral))
        session.execute(delete(Partner))
        ids = []
        for n, history in enumerate(partners_histories):
            partner = Partner(name=f"P{n}", name_key=f"p{n}")
            session.add(partner)
            session.flush()
            ids.append(partner.id)
            for way, days, status in history:
                session.add(
                    Referral(
                        direction=way,
                        partner_id=partner.id,
                        date=START + dt.timedelta(days),
                        status=status,
                        value_cents=days,
                    )
                )
        session.flush()
        lags = median_lags(session, None, None)
        runs = unreturned_runs(session, None)
        counts = outcome_counts(session, None, None)
    for pid, history in zip(ids, partners_histories, strict=True):
        assert lags.get(pid) == expected_lag(history)
        assert runs.get(pid) == expected_run(history)
        row = counts.get(pid, {})
        for way in ("given", "got"):
            mine = [(days, status) for w, days, status in history if w == way]
            assert row.get(way, 0) == len(mine)
            assert row.get(f"{way}_won", 0) == sum(s == "won" for _, s in mine)
            assert row.get(f"{way}_lost", 0) == sum(s == "lost" for _, s in mine)
            assert row.get(f"value_{way}_won", 0) == sum(d for d, s in mine if s == "won")


def test_a_win_rate_needs_something_closed():
    assert rate(0, 0) is None
    assert rate(0, 3) == 0
    assert rate(2, 1) == Fraction(2, 3)
