"""Deliver pending outbox rows over one SMTP connection."""

import logging
import re
import smtplib
from datetime import timedelta

from flask import current_app
from flask_mail import Message
from sqlalchemy import select

from notify.clock import now
from notify.models import MailState, OutboxMessage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
# Personal links end in /link/<token>; the token must not outlive the send.
TOKEN_IN_LINK = re.compile(r"(/link/)[A-Za-z0-9_\-]{20,}")
MASK = r"\1[verborgen na verzending]"


def retry_delay(attempts):
    """Wait longer after each failure: 1, 2, 4 … minutes, at most a day."""
    return timedelta(minutes=min(2 ** (attempts - 1), 24 * 60))


def due_messages(session, limit):
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.state == MailState.pending)
        .where(OutboxMessage.next_attempt_at <= now())
        .order_by(OutboxMessage.id)
        .limit(limit)
    )
    return session.scalars(query).all()


def as_message(row):
    message = Message(
        subject=row.subject,
        recipients=[(row.recipient_name, row.recipient)],
        body=row.body_text,
    )
    return message


def mark_sent(row):
    row.state = MailState.sent
    row.sent_at = now()
    row.attempts += 1
    row.last_error = ""
    row.body_text = TOKEN_IN_LINK.sub(MASK, row.body_text)


def server_answer(error):
    """The SMTP code and text of a refusal, from whichever exception carries it."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(error.recipients.values()))
    else:
        code, text = error.smtp_code, error.smtp_error
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return code, text


def mark_failure(row, error):
    code, text = server_answer(error)
    row.attempts += 1
    row.last_error = f"{code} {text}"[:2000]
    if 500 <= code < 600 or row.attempts >= MAX_ATTEMPTS:
        row.state = MailState.failed
        logger.warning("mail %s failed for good: %s", row.id, row.last_error)
        return
    row.next_attempt_at = now() + retry_delay(row.attempts)


def send_pending(session):
    """Send what is due; commit after each message. Returns the number sent."""
    rows = due_messages(session, current_app.config["MAIL_BATCH_SIZE"])
    if not rows:
        return 0

    mail = current_app.extensions["mail"]
    sent = 0
    try:
        with mail.connect() as connection:
            for row in rows:
                sent += send_one(session, connection, row)
    except (OSError, smtplib.SMTPException):
        logger.exception("mail server unavailable; %d mails wait", len(rows))
        session.rollback()
    if sent:
        logger.info("sent %d mails", sent)
    return sent


def send_one(session, connection, row):
    try:
        connection.send(as_message(row))
    except (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused) as error:
        mark_failure(row, error)
        session.commit()
        return 0
    mark_sent(row)
    session.commit()
    return 1
