"""Write mail to the outbox, in the caller's transaction."""

import logging

from flask import render_template
from sqlalchemy import select

from notify.clock import now
from notify.models import OutboxMessage

logger = logging.getLogger(__name__)


def render(template, **context):
    """Render `email/<template>.txt`: its first line is the subject.

    Returns (subject, body).
    """
    text = render_template(f"email/{template}.txt", **context)
    subject, _, body = text.lstrip().partition("\n")
    return subject.strip(), body.lstrip("\n")


def has_key(session, key):
    found = session.scalar(select(OutboxMessage.id).where(OutboxMessage.key == key))
    return found is not None


def enqueue(session, *, key, to, to_name, template, **context):
    """Add one mail to the outbox unless a mail with this key exists.

    The caller commits; returns the new row, or None when the key was taken.
    """
    if has_key(session, key):
        logger.info("mail %s already in the outbox, not added again", key)
        return None

    subject, body = render(template, **context)
    moment = now()
    message = OutboxMessage(
        key=key,
        recipient=to,
        recipient_name=to_name,
        subject=subject,
        body_text=body,
        created_at=moment,
        next_attempt_at=moment,
    )
    session.add(message)
    return message
