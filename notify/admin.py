"""What administrators ask of the outbox: list, show, retry, count."""

from collections import Counter
from datetime import UTC
from zoneinfo import ZoneInfo

from sqlalchemy import select

from notify.clock import now
from notify.models import FlaggedAddress, MailState, OutboxMessage

BRUSSELS = ZoneInfo("Europe/Brussels")


def messages(session, state=None, limit=50):
    query = select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)
    if state is not None:
        query = query.where(OutboxMessage.state == state)
    return session.scalars(query).all()


def retry(session, ids=None):
    """Put failed messages back in the queue; the caller commits.

    A bounced message went out once and its links are masked since: it is
    not sent again.
    """
    query = select(OutboxMessage).where(OutboxMessage.state == MailState.failed)
    if ids:
        query = query.where(OutboxMessage.id.in_(ids))
    rows = session.scalars(query).all()
    for row in rows:
        row.state = MailState.pending
        row.attempts = 0
        row.deferrals = 0
        row.next_attempt_at = now()
        row.claimed_by = None
        row.claimed_until = None
    return rows


def sent_per_day(session, days=30):
    """Count the messages sent per Brussels day, newest day first."""
    since = now().timestamp() - days * 86400
    sent = session.scalars(
        select(OutboxMessage.sent_at).where(OutboxMessage.sent_at.is_not(None))
    )
    counts = Counter(
        local_day(moment) for moment in sent if aware(moment).timestamp() >= since
    )
    return sorted(counts.items(), reverse=True)


def aware(moment):
    """SQLite hands back naive UTC times."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def local_day(moment):
    return aware(moment).astimezone(BRUSSELS).date()


def flagged_addresses(session):
    """Addresses whose mail bounced and that nobody has looked at yet."""
    query = (
        select(FlaggedAddress)
        .where(FlaggedAddress.resolved_at.is_(None))
        .order_by(FlaggedAddress.flagged_at.desc())
    )
    return session.scalars(query).all()
