"""Reminders to reviewers with assignments due and to chamber members."""

import logging
from datetime import timedelta

from sqlalchemy import select

from notify.outbox import has_key
from review.assignment import STAFF_LINK_DAYS, active_staff, review_links
from review.lists import advice_of, latest_version
from webform import clock
from webform.extensions import db
from webform.links import issue_link, link_url
from webform.mail import mail_to
from webform.models import LinkPurpose, Service, ServiceState, StaffRole
from webform.workdays import add_working_days, at_local, is_working_day

logger = logging.getLogger(__name__)

REMINDER_HOUR = 9


def due_day(service):
    """The working day an assignment falls due (the one before, if need be)."""
    day = clock.last_day_date(service.review_due_at)
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def latest_reminder_day(service, every, at):
    """The last reminder day of an assignment that has come by `at`, or None."""
    day = due_day(service)
    if at_local(day, REMINDER_HOUR) > at:
        return None
    while at_local(add_working_days(day, every), REMINDER_HOUR) <= at:
        day = add_working_days(day, every)
    return day


def open_assignments(round_):
    query = select(Service).where(
        Service.round_id == round_.id,
        Service.state == ServiceState.in_review,
        Service.review_due_at.is_not(None),
    )
    return db.session.scalars(query.order_by(Service.id)).all()


def remind_reviewers(round_):
    """Queue one reminder per reviewer whose reminder day has come; caller commits."""
    moment = clock.now()
    by_reviewer = {}
    for service in open_assignments(round_):
        day = latest_reminder_day(service, round_.reviewer_reminder_every, moment)
        if day is not None:
            by_reviewer.setdefault(service.reviewer, []).append((day, service))

    sent = 0
    for reviewer, due in by_reviewer.items():
        day = max(day for day, _ in due)
        if reminded_lately(round_, reviewer, day):
            continue
        services = [service for _, service in due]
        sent += mail_reviewer(round_, reviewer, services, day)
    return sent


def reviewer_key(round_, reviewer, day):
    return f"reminder-reviewer:{round_.id}:{reviewer.id}:{day.isoformat()}"


def reminded_lately(round_, reviewer, day):
    """One reminder per reviewer every few working days, however many are due."""
    earlier = range(1, round_.reviewer_reminder_every)
    days = [add_working_days(day, -count) for count in earlier]
    return any(has_key(db.session, reviewer_key(round_, reviewer, d)) for d in days)


def mail_reviewer(round_, reviewer, services, day):
    key = reviewer_key(round_, reviewer, day)
    if has_key(db.session, key):
        return 0
    _, items = review_links(round_, reviewer, services)
    mail_to(
        reviewer,
        key=key,
        template="reminder_reviewer",
        not_after=clock.end_of_day(day),
        reviewer=reviewer,
        round=round_,
        items=items,
    )
    return 1


def remind_chamber(round_):
    """Queue the advice reminder for members without advice; caller commits."""
    version = latest_version(round_)
    moment = clock.now()
    if version is None or version.submitted_at is not None:
        return 0
    if moment >= clock.as_utc(round_.advice_deadline):
        return 0
    last_day = clock.last_day_date(round_.advice_deadline)
    remind_on = add_working_days(last_day, -round_.chamber_reminder_before)
    if at_local(remind_on, REMINDER_HOUR) > moment:
        return 0

    sent = 0
    for member in active_staff(StaffRole.chamber):
        key = f"reminder-chamber:{version.id}:{member.id}"
        if advice_of(version, member) is None and not has_key(db.session, key):
            mail_member(version, member, key)
            sent += 1
    return sent


def mail_member(version, member, key):
    round_ = version.round
    expires = clock.as_utc(round_.advice_deadline) + timedelta(days=STAFF_LINK_DAYS)
    _, token = issue_link(LinkPurpose.advice, round_, staff=member, expires_at=expires)
    mail_to(
        member,
        key=key,
        template="reminder_chamber",
        not_after=round_.advice_deadline,
        member=member,
        version=version,
        url=link_url(token),
    )
