"""Every scheduled job and its trigger; `notify.scheduler` runs this list."""

import logging

from apscheduler.triggers.interval import IntervalTrigger

from notify.bounces import read_bounces
from notify.scheduler import ScheduledJob
from notify.sender import send_pending
from review.assignment import assign_submitted_services
from review.reminders import remind_chamber, remind_reviewers
from webform.extensions import db
from webform.reminders import remind_providers
from webform.rounds import active_rounds, send_invitations

logger = logging.getLogger(__name__)


def invite_providers():
    for round_ in active_rounds():
        send_invitations(round_)
        db.session.commit()


def assign_reviews():
    for round_ in active_rounds():
        assigned = assign_submitted_services(round_)
        db.session.commit()
        if assigned:
            count = sum(len(services) for services in assigned.values())
            logger.info("assigned %d services to %d reviewers", count, len(assigned))


def send_reminders():
    for round_ in active_rounds():
        remind_providers(round_)
        remind_reviewers(round_)
        remind_chamber(round_)
        db.session.commit()


def flush_outbox():
    send_pending(db.session)


def process_bounces():
    read_bounces(db.session)


JOBS = [
    ScheduledJob("invite_providers", invite_providers, IntervalTrigger(minutes=5)),
    ScheduledJob("assign_reviews", assign_reviews, IntervalTrigger(minutes=5)),
    ScheduledJob("send_reminders", send_reminders, IntervalTrigger(minutes=15)),
    ScheduledJob("flush_outbox", flush_outbox, IntervalTrigger(seconds=30)),
    ScheduledJob("process_bounces", process_bounces, IntervalTrigger(minutes=10)),
]
