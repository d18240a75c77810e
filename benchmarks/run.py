"""Time recip as whole processes against the floors it cannot beat, in the same run.

    python benchmarks/run.py                 # 1,000 and 100,000 referrals
    python benchmarks/run.py --sizes 1000000 --runs 7

Databases are built with bulk inserts (500 partners, dates spread over ten years, about 55%
given) and cached in benchmarks/.cache/ between runs. Each figure is the median wall time of
--runs runs after one warm-up. Machines here are shared and noisy, so the ratio to a floor
measured in the same run is what to compare, not the milliseconds.
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
RECIP = [sys.executable, "-m", "reciprocity_cli"]


def build(size: int) -> Path:
    """A database with `size` referrals, made once and cached."""
    path = CACHE / f"recip-{size}.db"
    if path.exists():
        return path
    CACHE.mkdir(exist_ok=True)
    scratch = path.with_suffix(".building")
    scratch.unlink(missing_ok=True)
    subprocess.run(
        [*RECIP, "--db", str(scratch), "db", "check"], check=True, capture_output=True
    )  # the real schema, made by the real migrations
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
        start = dt.date(2016, 11, 23)
        rows = (
            (
                "given" if rng.random() < 0.55 else "got",
                rng.randint(1, PARTNERS),
                (start + dt.timedelta(days=rng.randint(0, 3650))).isoformat(),
                rng.choice(("open", "won", "lost")),
                rng.choice((None, 25000, 120050)),
                "bench",
                now,
                now,
            )
            for _ in range(size)
        )
        connection.executemany(
            "INSERT INTO referral (direction, partner_id, date, status, value_cents, made_by,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    with sqlite3.connect(scratch) as connection:  # fold the WAL into the file before moving it
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    Path(f"{scratch}-wal").unlink(missing_ok=True)
    Path(f"{scratch}-shm").unlink(missing_ok=True)
    scratch.rename(path)
    return path


def timed(command: list[str], runs: int, env: dict) -> float:
    """Median wall seconds of `runs` runs, after one warm-up run."""
    subprocess.run(command, check=True, capture_output=True, env=env)
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        samples.append(time.perf_counter() - began)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = {**os.environ, "RECIP_TODAY": "2026-11-23", "NO_COLOR": "1"}
    env.pop("RECIP_DB", None)

    floors = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "import typer": [sys.executable, "-c", "import typer"],
        "import typer, rich, sqlmodel": [
            sys.executable,
            "-c",
            "import typer, rich.console, sqlmodel",
        ],
    }
    floor_times = {name: timed(cmd, args.runs, env) for name, cmd in floors.items()}
    print(f"python {sys.version.split()[0]} on {os.cpu_count()} cores; median of {args.runs}")
    print(f"{'what':44} {'ms':>8}  ratio to floor")
    for name, seconds in floor_times.items():
        print(f"{'floor: ' + name:44} {seconds * 1000:8.1f}")
    help_time = timed([*RECIP, "--help"], args.runs, env)
    print(
        f"{'recip --help':44} {help_time * 1000:8.1f}  "
        f"{help_time / floor_times['import typer']:.2f}x import typer"
    )
    full = floor_times["import typer, rich, sqlmodel"]
    for size in args.sizes:
        source = build(size)
        work = CACHE / f"work-{size}.db"
        shutil.copyfile(source, work)
        db = ["--db", str(work)]
        for label, command in (
            ("give", [*RECIP, *db, "give", "partner 042", "--customer", "Bench"]),
            ("balance --json", [*RECIP, *db, "balance", "--json"]),
            ("log --json", [*RECIP, *db, "log", "--json"]),
            ("today --json", [*RECIP, *db, "today", "--json"]),
            ("report --json", [*RECIP, *db, "report", "--json"]),
        ):
            seconds = timed(command, args.runs, env)
            print(
                f"{f'recip {label} @ {size:,}':44} {seconds * 1000:8.1f}  "
                f"{seconds / full:.2f}x full import"
            )
        work.unlink()
        for suffix in ("-wal", "-shm"):
            Path(f"{work}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
