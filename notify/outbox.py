"""Write mail to the outbox, in the caller's transaction."""

import logging
import uuid

from flask import current_app, render_template
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from notify.clock import now
from notify.models import OutboxMessage

logger = logging.getLogger(__name__)


def render(template, **context):
    """Render `email/<template>.txt` and `.html`; the text's first line is the subject.

    Returns (subject, text, html).
    """
    text = render_template(f"email/{template}.txt", **context)
    subject, _, body = text.lstrip().partition("\n")
    html = render_template(f"email/{template}.html", subject=subject, **context)
    return subject.strip(), body.lstrip("\n"), html


def has_key(session, key):
    found = session.scalar(select(OutboxMessage.id).where(OutboxMessage.key == key))
    return found is not None


def new_message_id():
    domain = current_app.config["MAIL_DOMAIN"]
    return f"<{uuid.uuid4().hex}@{domain}>"


def enqueue(session, *, key, to, to_name, template, not_after=None, **context):
    """Add one mail to the outbox unless a mail with this key exists.

    A mail still unsent at `not_after` expires. The caller commits; returns
    the new row, or None when the key was taken, also by another process at
    the same moment.
    """
    if has_key(session, key):
        logger.info("mail %s already in the outbox, not added again", key)
        return None

    subject, text, html = render(template, **context)
    moment = now()
    message = OutboxMessage(
        key=key,
        recipient=to,
        recipient_name=to_name,
        subject=subject,
        body_text=text,
        body_html=html,
        message_id=new_message_id(),
        created_at=moment,
        next_attempt_at=moment,
        not_after=not_after,
    )
    try:
        with session.begin_nested():
            session.add(message)
    except IntegrityError:
        logger.info("mail %s was added by another process meanwhile", key)
        return None
    return message
