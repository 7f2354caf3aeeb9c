"""Run the scheduled jobs the application lists: once, or on their triggers.

Each run holds a database lock named after the job, so a second scheduler or
a `jobs run-due` beside it skips a job that is already running.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from apscheduler.schedulers.blocking import BlockingScheduler

from notify import locks
from notify.clock import now

logger = logging.getLogger(__name__)

LOCK_SECONDS = 15 * 60
START_GAP_SECONDS = 2


@dataclass(frozen=True)
class ScheduledJob:
    """A job: a plain function without arguments and an APScheduler trigger."""

    name: str
    run: Any
    trigger: Any


def run_job(app, job):
    """Run one job in an app context unless another process runs it now."""
    with app.app_context():
        session = app.extensions["sqlalchemy"].session
        holder = locks.acquire(session, job.name, LOCK_SECONDS)
        if holder is None:
            logger.info("job %s is running elsewhere; skipped", job.name)
            return False
        try:
            job.run()
        except Exception:
            session.rollback()
            logger.exception("job %s failed; it runs again at its next turn", job.name)
            raise
        finally:
            locks.release(session, job.name, holder)
        return True


def run_due(app, jobs):
    """Run every job once, in the order listed; return the names that failed."""
    failed = []
    for job in jobs:
        try:
            run_job(app, job)
        except Exception:  # logged in run_job; the next job still runs
            failed.append(job.name)
    return failed


def run_forever(app, jobs):
    """Trigger the jobs until stopped; each runs once at start, for what was
    missed while the scheduler was down, then on its trigger."""
    scheduler = BlockingScheduler(timezone="Europe/Brussels")
    starting = now()
    for position, job in enumerate(jobs):
        scheduler.add_job(
            run_job,
            trigger=job.trigger,
            args=(app, job),
            id=job.name,
            name=job.name,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,
            # At start, in list order: invitations before the flush that sends them.
            next_run_time=starting + timedelta(seconds=START_GAP_SECONDS * position),
        )
    logger.info("scheduler started with %d jobs", len(jobs))
    scheduler.start()
