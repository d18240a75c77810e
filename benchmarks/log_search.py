"""Time `recip log --search` and `--status` against plain `recip log`, on SQLite and, given a
server, on PostgreSQL.

    python benchmarks/log_search.py                              # 100,000 referrals, SQLite
    python benchmarks/log_search.py --postgres postgresql+psycopg://user:pw@host/postgres

The database holds 500 partners and referrals with a customer, a contact and a note each
(one customer in ten accented, as "Pátel"), cached in benchmarks/.cache/. On PostgreSQL a
new database is made on the server and dropped after. Each figure is the median of --runs
runs after a warm-up, paired run by run as benchmarks/run.py pairs its floors: plain `log`
(the table's newest 50, then every entry as JSON) against importing recip's libraries, and
each filter against `log` in the same format without it. Last, the time the database takes
to count the matches of one word, as recip searches and as it might have (the choice is
explained in core/textmatch.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import CACHE, RECIP, line, paired

PARTNERS = 500
START = dt.date(2016, 11, 23)
SURNAMES = ("Patel", "Pátel", "Okafor", "Chen", "Müller", "Novák", "García", "Lee", "Kim")
WORDS = ("boiler", "roof", "wedding", "quote", "urgent", "café", "réunion", "tap", "gutter")
NOW = "2026-01-01 00:00:00"


def rows(size: int) -> tuple[list[tuple], list[tuple]]:
    rng = random.Random(size)
    partners = [
        (f"Partner {i:03d}", f"partner {i:03d}", "complementary", False, NOW, NOW)
        for i in range(PARTNERS)
    ]
    referrals = []
    for n in range(size):
        name = rng.choice(SURNAMES[2:]) if rng.random() < 0.9 else rng.choice(SURNAMES[:2])
        referrals.append(
            (
                "given" if rng.random() < 0.55 else "got",
                rng.randint(1, PARTNERS),
                (START + dt.timedelta(days=rng.randint(0, 3650))).isoformat(),
                f"{rng.choice(('Mr.', 'Mrs.', 'Ms.'))} {name} {n}",
                f"555 {rng.randint(0, 9999):04d}",
                " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 6))) or None,
                rng.choice(("open", "won", "lost")),
                "bench",
                NOW,
                NOW,
            )
        )
    return partners, referrals


PARTNER_SQL = (
    "INSERT INTO partner (name, name_key, kind, archived, created_at, updated_at)"
    " VALUES ({0}, {0}, {0}, {0}, {0}, {0})"
)
REFERRAL_SQL = (
    "INSERT INTO referral (direction, partner_id, date, customer, customer_contact, note,"
    " status, made_by, created_at, updated_at) VALUES ({0}, {0}, {0}, {0}, {0}, {0}, {0},"
    " {0}, {0}, {0})"
)


def sqlite_database(size: int) -> str:
    path = CACHE / f"log-search-{size}.db"
    if not path.exists():
        CACHE.mkdir(exist_ok=True)
        scratch = path.with_suffix(".building")
        scratch.unlink(missing_ok=True)
        subprocess.run([*RECIP, "--db", str(scratch), "db", "check"], check=True)
        partners, referrals = rows(size)
        with sqlite3.connect(scratch) as connection:
            connection.executemany(PARTNER_SQL.format("?"), partners)
            connection.executemany(REFERRAL_SQL.format("?"), referrals)
        with sqlite3.connect(scratch) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        scratch.rename(path)
    return str(path)


def postgres_database(server: str, size: int) -> str:
    import psycopg

    plain = server.replace("postgresql+psycopg://", "postgresql://")
    name = f"recip_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    url = server.rsplit("/", 1)[0] + f"/{name}"
    subprocess.run([*RECIP, "--db", url, "db", "check"], check=True, capture_output=True)
    partners, referrals = rows(size)
    with psycopg.connect(plain.rsplit("/", 1)[0] + f"/{name}") as connection:
        with connection.cursor() as cursor:
            cursor.executemany(PARTNER_SQL.format("%s"), partners)
            cursor.executemany(REFERRAL_SQL.format("%s"), referrals)
        connection.execute("ANALYZE")
    return url


def drop(server: str, url: str) -> None:
    import psycopg

    plain = server.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def measure(db: str, label: str, runs: int, env: dict) -> None:
    log = [*RECIP, "--db", db, "log"]
    floor = [sys.executable, "-c", "import typer, rich.console, sqlmodel"]
    cases = (
        ("import floor", log, floor),
        ("import floor", [*log, "--json"], floor),
        ("log", [*log, "--search", "patel"], log),
        ("log", [*log, "--search", "reunion cafe", "--status", "won"], log),
        ("log --json", [*log, "--json", "--search", "patel"], [*log, "--json"]),
        ("log --json", [*log, "--json", "--status", "won"], [*log, "--json"]),
    )
    for against, command, base in cases:
        seconds, memory, ratio = paired(command, base, runs, env)
        what = f"{label}: log {' '.join(command[len(log) :])}"
        line(what[:46], seconds, memory, f"{ratio:.2f}x {against}")


HAYSTACK = (
    "coalesce(customer, '') || ' ' || coalesce(customer_contact, '') || ' ' || coalesce(note, '')"
)


def fastest(run, times: int = 3) -> tuple[float, object]:
    results = []
    for _ in range(times):
        began = time.perf_counter()
        found = run()
        results.append(time.perf_counter() - began)
    return min(results), found


def alternatives(sqlite_path: str, postgres_url: str | None) -> None:
    """How long the database takes to count the referrals that hold "patel" in any case
    and with any accents, by the way recip does it and by the ways it could have."""
    from reciprocity_cli.core.textmatch import letter_classes, word_pattern
    from reciprocity_cli.core.words import fold

    pattern = word_pattern("patel")
    sql = f"SELECT count(*) FROM referral WHERE {HAYSTACK}"
    lite = sqlite3.connect(sqlite_path)
    lite.create_function("regexp", 2, lambda p, t: re.search(p, t) is not None, deterministic=True)
    lite.create_function("fold", 1, fold, deterministic=True)

    def streamed() -> int:
        rows = lite.execute(f"SELECT {HAYSTACK} FROM referral")
        return sum("patel" in fold(text) for (text,) in rows)

    cases = {
        "sqlite: REGEXP, a class per letter (recip)": lambda: lite.execute(
            f"{sql} REGEXP ?", (pattern,)
        ).fetchone()[0],
        "sqlite: a Python fold() function, instr": lambda: lite.execute(
            f"SELECT count(*) FROM referral WHERE instr(fold({HAYSTACK}), 'patel') > 0"
        ).fetchone()[0],
        "sqlite: folded in Python while streaming": streamed,
    }
    if postgres_url:
        import psycopg

        server = psycopg.connect(postgres_url.replace("postgresql+psycopg://", "postgresql://"))
        pairs = [(ch, key) for key, chars in letter_classes().items() for ch in chars[1:-1]]
        table = (
            "".join(ch for ch, key in pairs if ch != key),
            "".join(k for c, k in pairs if c != k),
        )
        cases |= {
            "postgres: ~, a class per letter (recip)": lambda: server.execute(
                f"{sql} ~ %s", (pattern,)
            ).fetchone()[0],
            "postgres: translate() with the same table": lambda: server.execute(
                f"SELECT count(*) FROM referral WHERE strpos(translate({HAYSTACK}, %s, %s),"
                " 'patel') > 0",
                table,
            ).fetchone()[0],
            "postgres: normalize, regexp_replace, lower": lambda: server.execute(
                "SELECT count(*) FROM referral WHERE strpos(lower(regexp_replace("
                f"normalize({HAYSTACK}, NFKD), '[\u0300-\u036f]', '', 'g')), 'patel') > 0"
            ).fetchone()[0],
        }
    for label, run in cases.items():
        seconds, found = fastest(run)
        print(f"{label:46} {seconds * 1000:9.1f}  {found:,} found")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--postgres", metavar="URL", help="a server to make a database on")
    args = parser.parse_args()
    env = {**os.environ, "RECIP_TODAY": "2026-11-23", "NO_COLOR": "1"}
    env.pop("RECIP_DB", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    print(f"{'what':46} {'ms':>9} {'MiB':>8}  ratio")
    lite = sqlite_database(args.size)
    measure(lite, "sqlite", args.runs, env)
    url = postgres_database(args.postgres, args.size) if args.postgres else None
    try:
        if url:
            measure(url, "postgres", args.runs, env)
        print(f"\n{'counting the matches of patel, fastest of 3':46} {'ms':>9}")
        alternatives(lite, url)
    finally:
        if url:
            drop(args.postgres, url)


if __name__ == "__main__":
    main()
