"""Which issue times and windows train, validate and test a model. Pure, no I/O.

Everything is cut at the train issue time T. The test period is the last `test_days` before T:
daily issue times, each window judged only if it ends by T. Validation is the `validation_days`
before the test period, with windows ending by the test start; training rows have windows ending
by the validation start. So no training row's target overlaps a validation or test target, and
no validation target overlaps a test target.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from scoring.errors import CannotTrain

DAY = timedelta(days=1)
LEAD_DAYS = list(range(1, 31))
# Training rows: every near lead, then a spread of far ones (rows cost time, far leads differ little).
TRAINING_LEAD_DAYS = [1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 17, 20, 23, 26, 30]
# Bands the evaluation judges: name -> lead days.
BANDS = {"day1": [1], "days2_7": list(range(2, 8)), "days8_30": list(range(8, 31))}
WARM_UP_DAYS = 28  # issue times need some history before them to say anything


@dataclass(frozen=True)
class Plan:
    issue_time: datetime
    test_start: datetime
    validation_start: datetime
    training: list[datetime]
    validation: list[datetime]
    test: list[datetime]

    def window_end(self, issue_time: datetime, lead_day: int) -> datetime:
        return issue_time + lead_day * DAY


def make_plan(
    issue_time: datetime, first_event: datetime, test_days: int, validation_days: int, training_days: int, step_hours: int
) -> Plan:
    """Raises CannotTrain, saying why, when history is too short for the split."""
    test_start = issue_time - test_days * DAY
    validation_start = test_start - validation_days * DAY
    first_issue = max(first_event + WARM_UP_DAYS * DAY, validation_start - training_days * DAY)
    step = timedelta(hours=step_hours)
    training = []
    moment = validation_start - DAY  # the newest issue time with a full day-1 window before validation
    while moment >= first_issue:
        training.append(moment)
        moment -= step
    if len(training) < 2:
        need = (test_days + validation_days + WARM_UP_DAYS) + 2 * step_hours / 24
        raise CannotTrain(
            f"history from {first_event:%Y-%m-%d} is too short: training needs about {need:.0f} days"
            f" before {issue_time:%Y-%m-%d} (test {test_days} d, validation {validation_days} d, warm-up {WARM_UP_DAYS} d)",
            issue_time,
        )
    validation = [validation_start + k * DAY for k in range(validation_days)]
    test = [test_start + k * DAY for k in range(test_days)]
    return Plan(issue_time, test_start, validation_start, sorted(training), validation, test)


def rows_within(issue_times_unix, lead_days, limit: datetime):
    """Mask of rows whose window ends by `limit`."""
    return issue_times_unix + lead_days.astype("int64") * 86400 <= int(limit.timestamp())
