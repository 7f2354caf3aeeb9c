"""Queue a mail to a provider or a staff member, in the current transaction."""

from notify.outbox import enqueue
from webform.extensions import db


def mail_to(person, *, key, template, **context):
    """Queue `template` for a Provider or Staff; the caller commits.

    Returns the outbox row, or None when a mail with this key exists.
    """
    return enqueue(
        db.session,
        key=key,
        to=person.email,
        to_name=person.name,
        template=template,
        **context,
    )
