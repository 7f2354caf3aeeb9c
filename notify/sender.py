"""Deliver pending outbox rows over one SMTP connection.

A sender first claims a batch of rows (so a second sender at the same time
takes other rows), renews its claim on each row just before sending it, and
commits after each message, so a message the server accepted is never sent
again. A fault of the server (down, refusing us as a sender) delays the mail
with growing pauses; only a refusal of the message itself fails it.
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
CLAIM = timedelta(minutes=15)
# Personal links end in /link/<token>; the token must not outlive the send.
TOKEN_IN_LINK = re.compile(r"(/link/)[A-Za-z0-9_\-]{20,}")
MASK = r"\1[verborgen]"
CONNECTION_TROUBLE = (OSError, smtplib.SMTPServerDisconnected)
REFUSALS = (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused)
# Refusals of us, not of the message: the rest of the batch waits.
SERVER_FAULTS = (
    smtplib.SMTPSenderRefused,
    smtplib.SMTPHeloError,
    smtplib.SMTPAuthenticationError,
)


def retry_delay(attempts):
    """Wait longer after each failure: 1, 2, 4 … minutes, at most six hours."""
    return timedelta(minutes=min(2 ** (attempts - 1), 6 * 60))


def deferral_delay(deferrals):
    """Wait longer while the server stays away: 1, 2, 4 … minutes, at most an hour."""
    return timedelta(minutes=min(2 ** (deferrals - 1), 60))


def mask_tokens(text):
    return TOKEN_IN_LINK.sub(MASK, text)


def is_claimable(moment):
    return (
        (OutboxMessage.state == MailState.pending)
        & (OutboxMessage.next_attempt_at <= moment)
        & or_(
            OutboxMessage.claimed_until.is_(None),
            OutboxMessage.claimed_until < moment,
        )
    )


def expire_overdue(session):
    """Mark mail whose moment has passed (a reminder after its deadline) expired."""
    moment = now()
    expired = session.execute(
        update(OutboxMessage)
        .where(is_claimable(moment), OutboxMessage.not_after < moment)
        .values(state=MailState.expired)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    if expired.rowcount:
        logger.info("%d mails expired before they could be sent", expired.rowcount)


def claim(session, limit, worker):
    """Claim up to `limit` due rows for this sender and commit the claim."""
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
        .values(claimed_by=worker, claimed_until=moment + CLAIM)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    mine = select(OutboxMessage).where(OutboxMessage.claimed_by == worker)
    return session.scalars(mine.order_by(OutboxMessage.id)).all()


def renew_claim(session, row, worker):
    """Hold the row for one more send; False if another sender has it now."""
    renewed = session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.id == row.id,
            OutboxMessage.claimed_by == worker,
            OutboxMessage.state == MailState.pending,
        )
        .values(claimed_until=now() + CLAIM)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return renewed.rowcount == 1


def unclaim(row):
    row.claimed_by = None
    row.claimed_until = None


def release(rows, error):
    """Give rows back untried: the server, not the message, failed."""
    for row in rows:
        unclaim(row)
        row.deferrals += 1
        row.last_error = describe(error)
        row.next_attempt_at = now() + deferral_delay(row.deferrals)


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
    unclaim(row)
    row.state = MailState.sent
    row.sent_at = now()
    row.attempts += 1
    row.last_error = ""
    row.body_text = mask_tokens(row.body_text)
    row.body_html = mask_tokens(row.body_html)


def fail(row, reason):
    """Fail a row for good; it keeps its links, for `mail retry`."""
    unclaim(row)
    row.state = MailState.failed
    row.last_error = reason[:2000]
    logger.warning("mail %s failed for good: %s", row.id, row.last_error)


def mark_failure(row, error):
    """Count a failed try: a 5xx answer or the last try fails it for good."""
    row.attempts += 1
    is_permanent = isinstance(error, REFUSALS) and server_answer(error)[0] >= 500
    if is_permanent or row.attempts >= MAX_ATTEMPTS:
        fail(row, describe(error))
        return
    unclaim(row)
    row.last_error = describe(error)
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
    expire_overdue(session)
    worker = uuid.uuid4().hex
    rows = claim(session, limit or current_app.config["MAIL_BATCH_SIZE"], worker)
    if not rows:
        return 0

    try:
        connection = connect()
    except (*CONNECTION_TROUBLE, smtplib.SMTPException) as error:
        logger.warning("mail server unavailable, %d mails wait: %s", len(rows), error)
        release(rows, error)
        session.commit()
        return 0

    sent = send_batch(session, connection, rows, worker)
    close_quietly(connection)
    if sent:
        logger.info("sent %d of %d mails", sent, len(rows))
    return sent


def send_batch(session, connection, rows, worker):
    """Send claimed rows in order; stop at the first fault of the server."""
    sent = 0
    for position, row in enumerate(rows):
        if not renew_claim(session, row, worker):
            logger.info("mail %s was taken over by another sender", row.id)
            continue
        outcome = send_one(connection, row)
        if outcome is not None:
            release(rows[position + 1 :], outcome)
            session.commit()
            break
        sent += row.state == MailState.sent
        session.commit()
    return sent


def send_one(connection, row):
    """Send one row and record the result; return an error that ends the batch."""
    try:
        message = build_message(row)
        connection.send_message(
            message, from_addr=return_path(row), to_addrs=[row.recipient]
        )
    except SERVER_FAULTS as error:
        release([row], error)
        return error
    except smtplib.SMTPNotSupportedError as error:  # the address needs SMTPUTF8
        fail(row, describe(error))
        return None
    except REFUSALS as error:
        mark_failure(row, error)
        # A 421 means the server closed the connection: the rest waits.
        return error if server_answer(error)[0] == 421 else None
    except CONNECTION_TROUBLE as error:
        # The server may or may not have taken this one: try it again later,
        # with the same Message-ID; the rest were not tried.
        logger.warning("connection lost while sending mail %s: %s", row.id, error)
        mark_failure(row, error)
        return error
    except Exception as error:  # a message that cannot be built or encoded
        logger.exception("mail %s cannot be sent", row.id)
        fail(row, describe(error))
        return None
    mark_sent(row)
    return None


def close_quietly(connection):
    try:
        connection.quit()
    except (*CONNECTION_TROUBLE, smtplib.SMTPException):
        connection.close()
