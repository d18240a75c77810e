"""Time recip as whole processes against the floors it cannot beat, in the same run.

    python benchmarks/run.py                       # 1,000, 100,000 and 1,000,000 referrals
    python benchmarks/run.py --sizes 1000 100000 --runs 7

Databases are built with bulk inserts (500 partners, dates spread over ten years, about 55%
given, most won or lost within a month) and cached in benchmarks/.cache/ between runs.
Each figure is the median wall time of --runs runs after one warm-up, with the largest
peak memory (RSS) seen. Machines here are shared and noisy, so each run is paired with a
run of its floor and the ratio shown is the median of those pairs: compare ratios, not
milliseconds. `ledger bal` (Debian's ledger
package) runs on the same referrals written as a journal, when it is installed.
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
from pathlib import Path

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


def journal(database: Path, env: dict) -> Path:
    """The same referrals as recip's own journal export (`recip export --format ledger`)."""
    path = database.with_suffix(".journal")
    if not path.exists():
        export = [*RECIP, "--db", str(database), "export", "--output", str(path)]
        subprocess.run(export, env=env, check=True, capture_output=True)
    return path


def run_once(command: list[str], env: dict) -> tuple[float, int]:
    """Wall seconds and peak RSS in KiB of one run (wait4 reads the child's own usage)."""
    began = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - began
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"failed ({child.returncode}): {' '.join(command)}")
    return elapsed, usage.ru_maxrss


def timed(command: list[str], runs: int, env: dict) -> tuple[float, int]:
    """Median wall seconds of `runs` runs after one warm-up, and the largest peak RSS."""
    run_once(command, env)
    results = [run_once(command, env) for _ in range(runs)]
    return statistics.median(t for t, _ in results), max(m for _, m in results)


def paired(command: list[str], floor: list[str], runs: int, env: dict) -> tuple[float, int, float]:
    """Like timed, but each run is followed by a run of its floor, and the ratio is the
    median of those pairs: a slow patch on a shared machine then slows both halves of a
    pair instead of skewing a ratio against a floor timed minutes earlier."""
    run_once(command, env)
    run_once(floor, env)
    results, ratios = [], []
    for _ in range(runs):
        results.append(run_once(command, env))
        ratios.append(results[-1][0] / run_once(floor, env)[0])
    seconds = statistics.median(t for t, _ in results)
    return seconds, max(m for _, m in results), statistics.median(ratios)


def after_each(
    command: list[str], before: list[str], floor: list[str], runs: int, env: dict
) -> tuple[float, int, float]:
    """Like paired, with `before` run (untimed) ahead of each run of `command`: the cost of
    the first `today --brief` after a write, which works its line out afresh."""
    results, ratios = [], []
    for _ in range(runs):
        run_once(before, env)
        results.append(run_once(command, env))
        ratios.append(results[-1][0] / run_once(floor, env)[0])
    seconds = statistics.median(t for t, _ in results)
    return seconds, max(m for _, m in results), statistics.median(ratios)


def line(label: str, seconds: float, memory: int, note: str = "") -> None:
    print(f"{label:46} {seconds * 1000:9.1f} {memory / 1024:8.1f}  {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=5)
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
    print(f"{'what':46} {'ms':>9} {'MiB':>8}  ratio")
    floors = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "import typer": [sys.executable, "-c", "import typer"],
        "import typer, rich, sqlmodel": [
            sys.executable,
            "-c",
            "import typer, rich.console, sqlmodel",
        ],
    }
    for name, command in floors.items():
        line(f"floor: {name}", *timed(command, args.runs, env))
    typer_floor, full = floors["import typer"], floors["import typer, rich, sqlmodel"]
    seconds, memory, ratio = paired([*RECIP, "--help"], typer_floor, args.runs, env)
    line("recip --help", seconds, memory, f"{ratio:.2f}x import typer")

    for size in args.sizes:
        source = build(size)
        work = CACHE / f"work-{size}.db"
        shutil.copyfile(source, work)
        db = ["--db", str(work)]
        subprocess.run([*RECIP, *db, "db", "check"], check=True, capture_output=True)  # upgrade
        completing = {**env, **COMPLETE, "RECIP_DB": str(work)}
        seconds, memory, ratio = paired(RECIP, typer_floor, args.runs, completing)
        line(f"complete a partner name @ {size:,}", seconds, memory, f"{ratio:.2f}x import typer")
        for label, command in (
            ("give", [*RECIP, *db, "give", "Partner 042", "--customer", "Bench"]),
            ("balance --json", [*RECIP, *db, "balance", "--json"]),
            ("today --json", [*RECIP, *db, "today", "--json"]),
            ("report --json", [*RECIP, *db, "report", "--json"]),
            ("followup --json", [*RECIP, *db, "followup", "--json"]),
            ("scorecard --json", [*RECIP, *db, "scorecard", "--json"]),
        ):
            seconds, memory, ratio = paired(command, full, args.runs, env)
            line(f"recip {label} @ {size:,}", seconds, memory, f"{ratio:.2f}x full import")
        brief = [*RECIP, *db, "today", "--brief"]
        seconds, memory, ratio = paired(brief, typer_floor, args.runs, env)
        line(f"recip today --brief @ {size:,}", seconds, memory, f"{ratio:.2f}x import typer")
        give = [*RECIP, *db, "give", "Partner 043"]
        seconds, memory, ratio = after_each(brief, give, full, args.runs, env)
        line(
            f"  the same, just after a write @ {size:,}",
            seconds,
            memory,
            f"{ratio:.2f}x full import",
        )
        if size == 100_000 and shutil.which("ledger"):
            ledger = ["ledger", "-f", str(journal(work, env)), "bal"]
            seconds, memory = timed(ledger, args.runs, env)
            line(f"ledger bal (same referrals) @ {size:,}", seconds, memory)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{work}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
