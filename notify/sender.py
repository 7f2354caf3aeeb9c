"""Deliver pending outbox rows over one SMTP connection.

A sender first claims a batch of rows (so a second sender at the same time
takes other rows), then sends them one by one, committing after each, so a
message the server accepted is never sent again.
"""

import logging
import re
import smtplib
import uuid
from datetime import timedelta

from flask import current_app
from sqlalchemy import or_, select, update

from notify.clock import now
from notify.message import build_message, return_path
from notify.models import MailState, OutboxMessage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 12
CLAIM_MINUTES = 15
RECONNECT_DELAY = timedelta(minutes=1)
# Personal links end in /link/<token>; the token must not outlive the send.
TOKEN_IN_LINK = re.compile(r"(/link/)[A-Za-z0-9_\-]{20,}")
MASK = r"\1[verborgen na verzending]"
CONNECTION_TROUBLE = (OSError, smtplib.SMTPServerDisconnected)
REFUSALS = (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused)


def retry_delay(attempts):
    """Wait longer after each failure: 1, 2, 4 … minutes, at most six hours."""
    return timedelta(minutes=min(2 ** (attempts - 1), 6 * 60))


def is_claimable(moment):
    return (
        (OutboxMessage.state == MailState.pending)
        & (OutboxMessage.next_attempt_at <= moment)
        & or_(
            OutboxMessage.claimed_until.is_(None),
            OutboxMessage.claimed_until < moment,
        )
    )


def claim(session, limit):
    """Claim up to `limit` due rows for this sender and commit the claim."""
    worker = uuid.uuid4().hex
    moment = now()
    due = (
        select(OutboxMessage.id)
        .where(is_claimable(moment))
        .order_by(OutboxMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(due.scalar_subquery()), is_claimable(moment))
        .values(
            claimed_by=worker,
            claimed_until=moment + timedelta(minutes=CLAIM_MINUTES),
        )
        .execution_options(synchronize_session=False)
    )
    session.commit()
    mine = select(OutboxMessage).where(OutboxMessage.claimed_by == worker)
    return session.scalars(mine.order_by(OutboxMessage.id)).all()


def release(rows, error, delay=RECONNECT_DELAY):
    """Give rows back untouched by a try: the server, not the message, failed."""
    for row in rows:
        row.claimed_by = None
        row.claimed_until = None
        row.last_error = describe(error)
        row.next_attempt_at = now() + delay


def describe(error):
    if isinstance(error, REFUSALS):
        code, text = server_answer(error)
        return f"{code} {text}"
    return f"{type(error).__name__}: {error}"[:2000]


def server_answer(error):
    """The SMTP code and text of a refusal, from whichever exception carries it."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(error.recipients.values()))
    else:
        code, text = error.smtp_code, error.smtp_error
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return code, text


def mark_sent(row):
    row.state = MailState.sent
    row.sent_at = now()
    row.attempts += 1
    row.last_error = ""
    row.claimed_by = None
    row.claimed_until = None
    row.body_text = TOKEN_IN_LINK.sub(MASK, row.body_text)
    row.body_html = TOKEN_IN_LINK.sub(MASK, row.body_html)


def mark_failure(row, error):
    """Count a failed try: a 5xx answer or the last try fails it for good."""
    row.attempts += 1
    row.last_error = describe(error)
    row.claimed_by = None
    row.claimed_until = None
    is_permanent = isinstance(error, REFUSALS) and server_answer(error)[0] >= 500
    if is_permanent or row.attempts >= MAX_ATTEMPTS:
        row.state = MailState.failed
        logger.warning("mail %s failed for good: %s", row.id, row.last_error)
        return
    row.next_attempt_at = now() + retry_delay(row.attempts)


def connect():
    config = current_app.config
    connection = smtplib.SMTP(
        config["MAIL_SERVER"], config["MAIL_PORT"], timeout=config["MAIL_TIMEOUT"]
    )
    if config.get("MAIL_USE_TLS"):
        connection.starttls()
    if config.get("MAIL_USERNAME"):
        connection.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
    return connection


def send_pending(session, limit=None):
    """Send the due mail; returns how many messages the server accepted."""
    rows = claim(session, limit or current_app.config["MAIL_BATCH_SIZE"])
    if not rows:
        return 0

    try:
        connection = connect()
    except (*CONNECTION_TROUBLE, smtplib.SMTPException) as error:
        logger.warning("mail server unavailable, %d mails wait: %s", len(rows), error)
        release(rows, error)
        session.commit()
        return 0

    sent = send_batch(session, connection, rows)
    close_quietly(connection)
    if sent:
        logger.info("sent %d mails", sent)
    return sent


def send_batch(session, connection, rows):
    sent = 0
    for position, row in enumerate(rows):
        try:
            send_one(connection, row)
        except REFUSALS as error:
            mark_failure(row, error)
        except CONNECTION_TROUBLE as error:
            # The server may or may not have taken this one: try it again later,
            # with the same Message-ID; the rest were not tried.
            logger.warning("connection lost while sending mail %s: %s", row.id, error)
            mark_failure(row, error)
            release(rows[position + 1 :], error)
            session.commit()
            break
        else:
            mark_sent(row)
            sent += 1
        session.commit()
    return sent


def send_one(connection, row):
    message = build_message(row)
    connection.send_message(
        message, from_addr=return_path(row), to_addrs=[row.recipient]
    )


def close_quietly(connection):
    try:
        connection.quit()
    except (*CONNECTION_TROUBLE, smtplib.SMTPException):
        connection.close()
