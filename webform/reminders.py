"""Reminders to providers before the round closes."""

import logging
from datetime import timedelta

from sqlalchemy import select

from notify.outbox import has_key
from webform import clock
from webform.extensions import db
from webform.links import issue_link, link_url
from webform.mail import mail_to
from webform.models import Link, LinkPurpose, Provider, Service, ServiceState
from webform.workdays import at_local

logger = logging.getLogger(__name__)

REMINDER_HOUR = 9


def reminder_moment(round_, days):
    last = clock.last_day_date(round_.closes_at)
    return at_local(last - timedelta(days=days), REMINDER_HOUR)


def due_offset(round_, at):
    """The reminder (days before the close) due at `at`: the latest one passed.

    Earlier ones missed while the scheduler was down are not sent any more.
    """
    passed = [
        days
        for days in round_.provider_reminder_offsets
        if reminder_moment(round_, days) <= at
    ]
    return min(passed) if passed else None


def providers_to_remind(round_, moment):
    """Providers invited before `moment` who have not opened their link or
    still have drafts; one invited later has just had its invitation."""
    links = db.session.scalars(
        select(Link).where(
            Link.round_id == round_.id,
            Link.purpose == LinkPurpose.webform,
            Link.created_at < moment,
        )
    ).all()
    invited = {link.provider_id for link in links}
    opened = {link.provider_id for link in links if link.first_opened_at}
    with_drafts = set(
        db.session.scalars(
            select(Service.provider_id).where(
                Service.round_id == round_.id, Service.state == ServiceState.draft
            )
        )
    )
    wanted = (invited - opened) | (invited & with_drafts)
    query = select(Provider).where(Provider.id.in_(wanted)).order_by(Provider.id)
    return db.session.scalars(query).all(), with_drafts


def remind_providers(round_):
    """Queue the reminder that is due now; the caller commits. Returns a count."""
    moment = clock.now()
    if not round_.is_open(moment):
        return 0
    days = due_offset(round_, moment)
    if days is None:
        return 0

    providers, with_drafts = providers_to_remind(round_, reminder_moment(round_, days))
    sent = 0
    for provider in providers:
        key = f"reminder-provider:{round_.id}:{provider.id}:{days}"
        if has_key(db.session, key):
            continue
        drafts = drafts_of(provider, round_) if provider.id in with_drafts else []
        _, token = issue_link(LinkPurpose.webform, round_, provider=provider)
        mail_to(
            provider,
            key=key,
            template="reminder_provider",
            not_after=round_.closes_at,
            provider=provider,
            round=round_,
            drafts=drafts,
            url=link_url(token),
        )
        sent += 1
    if sent:
        logger.info("reminded %d providers, %d days before the close", sent, days)
    return sent


def drafts_of(provider, round_):
    query = select(Service).where(
        Service.provider_id == provider.id,
        Service.round_id == round_.id,
        Service.state == ServiceState.draft,
    )
    return db.session.scalars(query.order_by(Service.id)).all()
