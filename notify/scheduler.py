"""Run the scheduled jobs the application lists: once, or on their triggers."""

import logging
from dataclasses import dataclass
from typing import Any

from apscheduler.schedulers.blocking import BlockingScheduler

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScheduledJob:
    """A job: a plain function without arguments and an APScheduler trigger."""

    name: str
    run: Any
    trigger: Any


def run_job(app, job):
    with app.app_context():
        try:
            job.run()
        except Exception:
            logger.exception("job %s failed; it runs again at its next turn", job.name)
            raise


def run_due(app, jobs):
    """Run every job once, in the order listed."""
    for job in jobs:
        run_job(app, job)


def run_forever(app, jobs):
    """Trigger the jobs until stopped; work missed while down runs at start."""
    scheduler = BlockingScheduler(timezone="Europe/Brussels")
    for job in jobs:
        scheduler.add_job(
            run_job,
            trigger=job.trigger,
            args=(app, job),
            id=job.name,
            name=job.name,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,
            next_run_time=None,
        )
    run_due(app, jobs)
    for job in jobs:
        scheduler.resume_job(job.name)
    logger.info("scheduler started with %d jobs", len(jobs))
    scheduler.start()
