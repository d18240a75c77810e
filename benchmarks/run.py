"""Time recip as whole processes against floors of what it imports, in the same run.

    python benchmarks/run.py                       # 1,000, 100,000 and 1,000,000 referrals
    python benchmarks/run.py --sizes 1000 100000 --runs 7
    python benchmarks/run.py --sizes 100000 --postgres "$(.ci/postgres start /tmp/pg)"

Databases are built with bulk inserts (500 partners, dates spread over ten years, about 55%
given, most won or lost within a month) and cached in benchmarks/.cache/ between runs.
With --postgres, give, balance and today are timed again at each size on a PostgreSQL
database that holds the same rows (made afresh each run on that server, which should be a
throwaway one: .ci/postgres starts one).
Each figure is the median wall time of --runs runs after one warm-up, the median CPU time
(user + system) of the same runs, and the largest peak memory (RSS) seen. Machines here are
shared and noisy, so each run is paired with a run of each of its floors and the ratio shown
is the median of those pairs, of wall times and of CPU times: compare ratios, not milliseconds.
Each floor is timed twice: as issue 14 defines it (the imports alone), and "like for like",
with Python's cycle collector run as recip runs it (collector.py: off while the imports
build, and no last sweep over them at exit). That policy makes recip cheaper than the first;
the second shows what recip itself adds to the card's stack.
CPU time counts only the work of the process itself, so it is the steadier figure when
other work shares the cores (on PostgreSQL the server's work shows in the wall time only).
`ledger bal` (Debian's ledger package) runs on the same referrals written as a journal,
when it is installed. least_give.py is the least a `give` can do on the card's stack.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
PARTNERS = 500
START = dt.date(2016, 11, 23)  # ten years of referrals, up to the pinned RECIP_TODAY
# v2: received referrals are mostly thanked; v3: most referrals have an outcome. Bump to
# rebuild the caches.
DATA_VERSION = "v3"
BIN = Path(sys.executable).parent
RECIP = (
    [str(BIN / "recip")] if (BIN / "recip").exists() else [sys.executable, "-m", "reciprocity_cli"]
)
COMPLETE = {  # what recip's bash script sends for a Tab press after "recip give Partner\ 04"
    "_RECIP_COMPLETE": "data_bash",
    "_RECIP_COMPLETE_WORD": "Partner\\ 04",
    "_RECIP_COMPLETE_LINE": "recip give Partner\\ 04",
}


def build(size: int) -> Path:
    """A database with `size` referrals, made once and cached."""
    path = CACHE / f"recip-{size}-{DATA_VERSION}.db"
    if path.exists():
        return path
    CACHE.mkdir(exist_ok=True)
    scratch = path.with_suffix(".building")
    scratch.unlink(missing_ok=True)
    # The real schema, made by the real migrations.
    subprocess.run([*RECIP, "--db", str(scratch), "db", "check"], check=True, capture_output=True)
    rng = random.Random(size)
    now = "2026-01-01 00:00:00"
    with sqlite3.connect(scratch) as connection:
        connection.executemany(
            "INSERT INTO partner (name, name_key, does, kind, phone, archived, created_at,"
            " updated_at) VALUES (?, ?, ?, 'complementary', ?, 0, ?, ?)",
            [
                (
                    f"Partner {i:03d}",
                    f"partner {i:03d}",
                    "plumbing, roofs",
                    f"555 {i:04d}",
                    now,
                    now,
                )
                for i in range(PARTNERS)
            ],
        )
        connection.executemany(
            "INSERT INTO referral (direction, partner_id, date, thanked_on, status, closed_on,"
            " value_cents, made_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (referral(rng, now) for _ in range(size)),
        )
    with sqlite3.connect(scratch) as connection:  # fold the WAL into the file before moving it
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for suffix in ("-wal", "-shm"):
        Path(f"{scratch}{suffix}").unlink(missing_ok=True)
    scratch.rename(path)
    return path


def referral(rng: random.Random, now: str) -> tuple:
    """One referral somewhere in ten years up to 2026-11-23. As with a user who keeps up
    with recip's thank-you list and follow-ups, 19 in 20 referrals received more than a
    month ago were thanked within a week, and 19 in 20 referrals were won or lost within a
    month; the rest, and the recent ones, are still due."""
    direction = "given" if rng.random() < 0.55 else "got"
    date = START + dt.timedelta(days=rng.randint(0, 3650))
    thanked = direction == "got" and date < START + dt.timedelta(days=3620) and rng.random() < 0.95
    closed = date + dt.timedelta(days=rng.randint(1, 30))
    outcome = rng.random() < 0.95 and closed <= START + dt.timedelta(days=3650)
    return (
        direction,
        rng.randint(1, PARTNERS),
        date.isoformat(),
        (date + dt.timedelta(days=rng.randint(0, 7))).isoformat() if thanked else None,
        rng.choice(("won", "lost")) if outcome else "open",
        closed.isoformat() if outcome else None,
        rng.choice((None, 25000, 120050)),
        "bench",
        now,
        now,
    )


def on_postgres(source: Path, server: str, size: int, env: dict) -> str:
    """The URL of a PostgreSQL database on `server` holding the partners and referrals of
    the SQLite file `source`: made afresh each run (the timed `give` writes), its schema by
    recip's own migrations, the rows copied in with COPY, then analysed as autovacuum would
    have by then, and checked by `recip db check`."""
    import psycopg

    name = f"recip_bench_{size}"
    url = urllib.parse.urlsplit(server)._replace(path=f"/{name}").geturl()
    libpq = url.replace("+psycopg", "", 1)  # psycopg takes the URL without SQLAlchemy's driver
    with psycopg.connect(server.replace("+psycopg", "", 1), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name}")
    subprocess.run([*RECIP, "--db", url, "db", "check"], env=env, check=True, capture_output=True)
    with sqlite3.connect(source) as lite, psycopg.connect(libpq) as pg:
        for table in ("partner", "referral"):  # all that build() writes
            wanted = {row[1] for row in lite.execute(f"PRAGMA table_info({table})")}
            known = pg.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s"
                " ORDER BY ordinal_position",
                (table,),
            )
            columns = ", ".join(column for (column,) in known if column in wanted)
            with pg.cursor().copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in lite.execute(f"SELECT {columns} FROM {table}"):
                    copy.write_row(row)
            pg.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}"
            )
    with psycopg.connect(libpq, autocommit=True) as pg:
        pg.execute("VACUUM ANALYZE")
    subprocess.run([*RECIP, "--db", url, "db", "check"], env=env, check=True, capture_output=True)
    return url


def journal(database: Path, env: dict) -> Path:
    """The same referrals as recip's own journal export (`recip export --format ledger`)."""
    path = database.with_suffix(".journal")
    if not path.exists():
        export = [*RECIP, "--db", str(database), "export", "--output", str(path)]
        subprocess.run(export, env=env, check=True, capture_output=True)
    return path


class Timing(NamedTuple):
    """Medians of a command's runs (seconds) and the largest peak memory (KiB); with floors,
    for each floor the medians of the wall and CPU ratios of each run to that floor's run
    beside it."""

    wall: float
    cpu: float
    memory: int
    ratios: tuple[tuple[float, float], ...] = ()


def run_once(command: list[str], env: dict) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak RSS in KiB of one run (wait4 reads
    the child's own usage)."""
    began = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - began
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"failed ({child.returncode}): {' '.join(command)}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def summary(results: list[tuple[float, float, int]], floors: Sequence[list] = ()) -> Timing:
    """`floors` holds, for each floor, its runs beside `results`."""
    wall = statistics.median(r[0] for r in results)
    cpu = statistics.median(r[1] for r in results)
    memory = max(r[2] for r in results)
    ratios = tuple(
        (
            statistics.median(r[0] / f[0] for r, f in zip(results, runs, strict=True)),
            statistics.median(r[1] / f[1] for r, f in zip(results, runs, strict=True)),
        )
        for runs in floors
    )
    return Timing(wall, cpu, memory, ratios)


def timed(command: list[str], runs: int, env: dict) -> Timing:
    """Medians of `runs` runs after one warm-up, and the largest peak RSS."""
    run_once(command, env)
    return summary([run_once(command, env) for _ in range(runs)])


def paired(
    command: list[str],
    floors: Sequence[list[str]],
    runs: int,
    env: dict,
    before: list[str] | None = None,
) -> Timing:
    """Like timed, but each run is followed by a run of each floor, and each ratio is the
    median of those pairs: a slow patch on a shared machine then slows both halves of a
    pair instead of skewing a ratio against a floor timed minutes earlier. With `before`,
    that command runs (untimed) ahead of each run of `command` instead of a warm-up: the
    cost of the first `today --brief` after a write, which works its line out afresh."""
    if before is None:
        run_once(command, env)
        for floor in floors:
            run_once(floor, env)
    results: list = []
    beside: list[list] = [[] for _ in floors]
    for _ in range(runs):
        if before is not None:
            run_once(before, env)
        results.append(run_once(command, env))
        for floor, runs_of_floor in zip(floors, beside, strict=True):
            runs_of_floor.append(run_once(floor, env))
    return summary(results, beside)


def line(label: str, timing: Timing, floor: str = "") -> None:
    ratios = ", ".join(f"{wall:.2f}x / {cpu:.2f}x" for wall, cpu in timing.ratios)
    if ratios:
        ratios += f" {floor}" + (" (as defined, like for like)" if len(timing.ratios) > 1 else "")
    print(
        f"{label:46} {timing.wall * 1000:9.1f} {timing.cpu * 1000:9.1f} "
        f"{timing.memory / 1024:8.1f}  {ratios}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="a PostgreSQL server (a URL such as .ci/postgres prints) to time give, balance "
        "and today on too, with the same referrals, at each size",
    )
    args = parser.parse_args()
    env = {**os.environ, "RECIP_TODAY": "2026-11-23", "NO_COLOR": "1"}
    env.pop("RECIP_DB", None)
    env["XDG_CACHE_HOME"] = str(CACHE / "user-cache")  # where `today --brief` keeps its line
    # Time recip as a user runs it: with Python's bytecode cache. (This sandbox sets
    # PYTHONDONTWRITEBYTECODE, which would recompile recip's own modules on every run while
    # the installed libraries keep the .pyc files pip wrote; the warm-up run writes ours.)
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores, median of {args.runs} "
        "runs after a warm-up"
    )
    print(f"{'what':46} {'ms':>9} {'cpu ms':>9} {'MiB':>8}  ratio: wall / cpu")
    python = [sys.executable, "-c"]
    # Each floor as defined, then like for like: the same imports with Python's cycle
    # collector run as recip runs it (collector.py).
    typer_floor = ([*python, "import typer"], [*python, like_recip("import typer")])
    stack = "import typer, rich.console, sqlmodel"
    full = ([*python, stack], [*python, like_recip(stack)])
    line("floor: python -c pass", timed([*python, "pass"], args.runs, env))
    for name, (defined, like) in (("import typer", typer_floor), (stack, full)):
        line(f"floor: {name}", timed(defined, args.runs, env))
        line("  the same, collector as recip runs it", timed(like, args.runs, env))
    line("recip --help", paired([*RECIP, "--help"], typer_floor, args.runs, env), "import typer")

    for size in args.sizes:
        source = build(size)
        work = CACHE / f"work-{size}.db"
        shutil.copyfile(source, work)
        db = ["--db", str(work)]
        subprocess.run([*RECIP, *db, "db", "check"], check=True, capture_output=True)  # upgrade
        completing = {**env, **COMPLETE, "RECIP_DB": str(work)}
        timing = paired(RECIP, typer_floor, args.runs, completing)
        line(f"complete a partner name @ {size:,}", timing, "import typer")
        for label, command in daily(db, all_of_them=True):
            line(f"recip {label} @ {size:,}", paired(command, full, args.runs, env), "full import")
        least = [sys.executable, str(HERE / "least_give.py"), str(work), "Partner 042", "-c", "B"]
        timing = paired(least, full, args.runs, env)
        line(f"  the least give on the stack @ {size:,}", timing, "full import")
        brief = [*RECIP, *db, "today", "--brief"]
        timing = paired(brief, typer_floor, args.runs, env)
        line(f"recip today --brief @ {size:,}", timing, "import typer")
        give = [*RECIP, *db, "give", "Partner 043"]
        timing = paired(brief, full, args.runs, env, before=give)
        line(f"  the same, just after a write @ {size:,}", timing, "full import")
        if size >= 100_000 and shutil.which("ledger"):
            ledger = ["ledger", "-f", str(journal(work, env)), "bal"]
            line(f"ledger bal (same referrals) @ {size:,}", timed(ledger, args.runs, env))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{work}{suffix}").unlink(missing_ok=True)
        if args.postgres:
            db = ["--db", on_postgres(source, args.postgres, size, env)]
            for label, command in daily(db, all_of_them=False):
                timing = paired(command, full, args.runs, env)
                line(f"recip {label} @ {size:,}, PostgreSQL", timing, "full import")


def like_recip(imports: str) -> str:
    """`imports` between recip's own calls to collector.py: the collector off while they
    run, then what they built frozen (no collection walks it, not even at exit)."""
    policy = "from reciprocity_cli import collector; collector.starting()"
    return f"{policy}; {imports}; collector.started()"


def daily(db: list[str], all_of_them: bool) -> list[tuple[str, list[str]]]:
    """The commands timed against the full import: the daily three, and with `all_of_them`
    the other read commands."""
    commands = [
        ("give", [*RECIP, *db, "give", "Partner 042", "--customer", "Bench"]),
        ("balance --json", [*RECIP, *db, "balance", "--json"]),
        ("today --json", [*RECIP, *db, "today", "--json"]),
    ]
    if all_of_them:
        commands += [
            ("report --json", [*RECIP, *db, "report", "--json"]),
            ("followup --json", [*RECIP, *db, "followup", "--json"]),
            ("scorecard --json", [*RECIP, *db, "scorecard", "--json"]),
        ]
    return commands


if __name__ == "__main__":
    main()
