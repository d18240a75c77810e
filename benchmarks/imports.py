"""Time `recip import` on files that used to cost more than linear time, as whole processes.

    python benchmarks/imports.py                          # every case below
    python benchmarks/imports.py --photo-mb 4 20 --partners 4000 30000
    python benchmarks/imports.py --photo-mb --partners --rows 100000 1000000

Cases: one vCard with a base64 PHOTO of N MB folded at 74 columns (as phones write it),
which recip does not read; and a partners CSV of N new names into a database that is empty
(the near-duplicate check compares each new name with the ones before it); and N referrals
(--rows) against --existing partners, as recip's own CSV, then again (every row is present
already), and as a spreadsheet (semicolons, its own header words, local dates, partners
named by the start of their name); and the JSON backup of the database those referrals
make, restored into an empty one. Each figure is one run's wall time, CPU time (user +
system: steadier than wall time on a shared, busy machine) and peak memory (RSS) of the
recip process (exit -9: stopped at --limit seconds); files are made in a temporary folder
and removed.
"""

from __future__ import annotations

import argparse
import base64
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

BIN = Path(sys.executable).parent
RECIP = (
    [str(BIN / "recip")] if (BIN / "recip").exists() else [sys.executable, "-m", "reciprocity_cli"]
)


def photo_card(path: Path, megabytes: int) -> None:
    """Written in pieces, so this script stays small: a child's peak memory counts the
    parent it was forked from."""
    rng = random.Random(megabytes)
    with path.open("w", newline="") as out:
        out.write("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big Photo Ltd\r\nORG:Big Photo Ltd\r\n")
        out.write("TEL:555 0100\r\n")
        out.write("PHOTO;ENCODING=b;TYPE=JPEG:")
        for number in range(megabytes * 1_000_000 // 76):  # 73 base64 characters a line
            piece = base64.b64encode(rng.randbytes(54)).decode()[:73]
            out.write(("\r\n " if number else "") + piece)
        out.write("\r\nEND:VCARD\r\n")


def partners_csv(path: Path, count: int, seed: int = 0) -> None:
    """`count` names no two of which look alike to recip (distinct words, no shared start)."""
    rng = random.Random(count + seed)
    letters = "bcdfghjklmnpqrstvwz"
    vowels = "aeiou"
    seen: set[str] = set()
    with path.open("w") as out:
        out.write("name,phone\n")
        while len(seen) < count:
            word = "".join(rng.choice(letters) + rng.choice(vowels) for _ in range(6))
            name = f"{word.title()} {rng.choice(('Roofing', 'Plumbing', 'Bakery', 'Garage'))}"
            if word not in seen:
                seen.add(word)
                out.write(f"{name},555 {len(seen):05d}\n")


def referrals_csv(path: Path, names: Path) -> None:
    """One referral to each partner of a partners CSV: imported with --create-partners,
    each name is new and checked against all the ones before it."""
    with names.open() as source, path.open("w") as out:
        out.write("id,date,direction,partner,customer,customer_contact,note,heat,value,")
        out.write("status,by,thanked_on\n")
        for line in source.readlines()[1:]:
            out.write(f",2026-01-01,given,{line.split(',')[0]},,,,,,open,,\n")


def many_referrals(path: Path, names: Path, rows: int, *, spreadsheet: bool = False) -> None:
    """`rows` referrals to the partners of a partners CSV, over ten years: recip's own CSV,
    or a spreadsheet's (semicolons, its own words, day-first dates, each partner named by
    the first word of its name, as people type it). Written line by line."""
    with names.open() as source:
        partners = [line.split(",")[0] for line in source.readlines()[1:]]
    rng = random.Random(rows)
    first = date(2016, 1, 1)
    with path.open("w") as out:
        if spreadsheet:
            out.write("Date;Type;Partner;Client;Amount;Comments\n")
        else:
            out.write("id,date,direction,partner,customer,customer_contact,note,heat,value,")
            out.write("status,by,thanked_on\n")
        for number in range(rows):
            day = first + timedelta(days=rng.randrange(3650))
            partner = rng.choice(partners)
            value = rng.choice(("", "", str(rng.randrange(100, 5000))))
            if spreadsheet:
                kind = rng.choice(("Gave", "Got"))
                word = partner.split()[0].lower()
                out.write(f"{day:%d.%m.%Y};{kind};{word};Client {number};{value};\n")
            else:
                kind = rng.choice(("given", "got"))
                out.write(f",{day},{kind},{partner},Customer {number},,,,{value},open,,\n")


def run(command: list[str], env: dict, limit: float) -> tuple[float, float, int, int]:
    """Wall and CPU seconds, peak RSS in KiB and exit code; a run over `limit` seconds is
    stopped."""
    began = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    timer = threading.Timer(limit, child.kill)
    timer.start()
    _, status, usage = os.wait4(child.pid, 0)
    timer.cancel()
    cpu = usage.ru_utime + usage.ru_stime
    return time.perf_counter() - began, cpu, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photo-mb", type=int, nargs="*", default=[4, 20])
    parser.add_argument("--partners", type=int, nargs="*", default=[4000, 30000])
    parser.add_argument("--rows", type=int, nargs="*", default=[100_000], help="referrals")
    parser.add_argument("--existing", type=int, default=500, help="partners already there")
    parser.add_argument("--limit", type=float, default=600, help="stop a run after this many s")
    args = parser.parse_args()
    env = {**os.environ, "RECIP_TODAY": "2026-11-23", "NO_COLOR": "1"}
    env.pop("RECIP_DEBUG", None)
    print(f"{'what':44} {'s':>8} {'cpu s':>8} {'MiB':>8}  exit")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        cases = []
        for size in args.photo_mb:
            path = work / f"photo-{size}mb.vcf"
            photo_card(path, size)
            cases.append((f"import a vCard with a {size} MB PHOTO", path))
        existing = work / "existing.csv"
        partners_csv(existing, args.existing, seed=1)
        for count in args.partners:
            path = work / f"partners-{count}.csv"
            partners_csv(path, count)
            cases.append((f"import {count:,} new partners (CSV)", path))
            cases.append((f"  the same beside {args.existing:,} partners", path, existing))
            referrals = work / f"referrals-{count}.csv"
            referrals_csv(referrals, path)
            label = f"  as referrals, --create-partners ({count:,})"
            cases.append((label, referrals, None, "--create-partners"))
        for count in args.rows:
            path = work / f"rows-{count}.csv"
            many_referrals(path, existing, count)
            cases.append((f"import {count:,} referrals (recip's CSV)", path, existing))
            cases.append(("  the same file again (all present)", path, (existing, path)))
            backup = work / f"backup-{count}.json"
            cases.append(("  its JSON backup, into an empty database", backup, "backup-of", path))
            shaped = work / f"sheet-{count}.csv"
            many_referrals(shaped, existing, count, spreadsheet=True)
            label = f"  as a spreadsheet ({count:,})"
            cases.append((label, shaped, existing, "--date-format", "%d.%m.%Y"))
        for number, (label, path, *before) in enumerate(cases):
            database = work / f"case-{number}.db"
            if before[:1] == ["backup-of"]:  # the backup of the database the rows make
                made = work / "backup-source.db"
                for earlier in (existing, before[1]):
                    run([*RECIP, "--db", str(made), "import", str(earlier)], env, args.limit)
                export = [*RECIP, "--db", str(made), "export", "--output", str(path)]
                run(export, env, args.limit)
                made.unlink()
                before = []
            first = before[0] if before else None
            for earlier in first if isinstance(first, tuple) else (first,) if first else ():
                run([*RECIP, "--db", str(database), "import", str(earlier)], env, args.limit)
            command = [*RECIP, "--db", str(database), "import", str(path), *before[1:]]
            seconds, cpu, memory, code = run(command, env, args.limit)
            print(f"{label:44} {seconds:8.2f} {cpu:8.2f} {memory / 1024:8.1f}  {code}", flush=True)
            database.unlink(missing_ok=True)  # a million referrals take hundreds of MB


if __name__ == "__main__":
    main()
