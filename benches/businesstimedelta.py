"""Adding 4 and 40 business hours with the Python library `businesstimedelta`, on the inputs
of `benches/calendar/main.rs`: Mon-Fri 08:00-17:00 in Europe/Berlin, ten holidays a year in 2026
and 2027, 1,000 starts spread over 2026. Prints nanoseconds per deadline (best of 5 rounds).

Run with `pip install businesstimedelta pytz`, then `python3 benches/businesstimedelta.py`.
With `--check PATH`, compares every deadline with those of this crate, as written by
`CALENDAR_DEADLINES_OUT=PATH cargo test --test calendar_workclock_agreement`.
"""

import argparse
import datetime
import os
import sys
import time

# This file has the library's name, so drop its own folder from the path before importing it.
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path = [entry for entry in sys.path if os.path.abspath(entry or os.curdir) != HERE]

import businesstimedelta  # noqa: E402
import pytz  # noqa: E402

HOLIDAYS = [
    (2026, 1, 1), (2026, 4, 3), (2026, 4, 6), (2026, 5, 1), (2026, 5, 14),
    (2026, 5, 25), (2026, 6, 4), (2026, 10, 3), (2026, 12, 25), (2026, 12, 26),
    (2027, 1, 1), (2027, 3, 26), (2027, 3, 29), (2027, 5, 1), (2027, 5, 6),
    (2027, 5, 17), (2027, 5, 27), (2027, 10, 3), (2027, 12, 25), (2027, 12, 26),
]
STARTS = 1000
ROUNDS = 5


def rules():
    berlin = pytz.timezone("Europe/Berlin")
    workday = businesstimedelta.WorkDayRule(
        start_time=datetime.time(8),
        end_time=datetime.time(17),
        working_days=[0, 1, 2, 3, 4],
        tz=berlin,
    )
    holidays = businesstimedelta.HolidayRule(
        [datetime.date(*day) for day in HOLIDAYS], tz=berlin
    )
    return businesstimedelta.Rules([workday, holidays])


def starts():
    base = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    return [base + datetime.timedelta(minutes=i * 7919 % 525600) for i in range(STARTS)]


def deadlines(rule, hours):
    delta = businesstimedelta.BusinessTimeDelta(rule, hours=hours)
    return [start + delta for start in starts()]


def nanos_per_deadline(rule, hours):
    best = None
    for _ in range(ROUNDS):
        began = time.perf_counter_ns()
        deadlines(rule, hours)
        elapsed = time.perf_counter_ns() - began
        best = elapsed if best is None else min(best, elapsed)
    return best / STARTS


def utc_text(instant):
    return instant.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def check(rule, path):
    expected = {}
    with open(path) as lines:
        for line in lines:
            start, hours, deadline = line.strip().split(",")
            expected[(start, int(hours))] = deadline
    differ = 0
    for hours in (4, 40):
        for start, deadline in zip(starts(), deadlines(rule, hours)):
            ours = expected[(utc_text(start), hours)]
            if ours != utc_text(deadline):
                differ += 1
                if differ <= 5:
                    print(f"differs: {utc_text(start)} + {hours} h: {utc_text(deadline)}, calendar {ours}")
    print(f"{differ} of {2 * STARTS} deadlines differ from the calendar's")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", help="deadlines written by the workclock_agreement test")
    arguments = parser.parse_args()
    rule = rules()
    for hours in (4, 40):
        print(f"businesstimedelta add {hours} h: {nanos_per_deadline(rule, hours):.0f} ns per deadline")
    if arguments.check:
        check(rule, arguments.check)


if __name__ == "__main__":
    main()
