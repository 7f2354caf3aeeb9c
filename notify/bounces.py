"""Read bounce reports and mark the messages they answer.

Every message goes out with its own return path, `bounces+<id>@domain`, so a
report names the outbox row it answers. Reports come from a maildir (the
development default) or an IMAP mailbox.
"""

import email
import imaplib
import logging
import mailbox
import os
import re

from flask import current_app
from flufl.bounce import scan_message

from notify.clock import now
from notify.models import FlaggedAddress, MailState, OutboxMessage

logger = logging.getLogger(__name__)

ADDRESS_HEADERS = ("Delivered-To", "X-Original-To", "To", "Envelope-To")


def answered_row_id(report):
    """The outbox id in the return path the report was sent to, or None."""
    local, _, domain = current_app.config["MAIL_RETURN_PATH"].partition("@")
    pattern = re.compile(rf"{re.escape(local)}\+(\d+)@{re.escape(domain)}", re.I)
    for header in ADDRESS_HEADERS:
        for value in report.get_all(header, []):
            found = pattern.search(str(value))
            if found:
                return int(found.group(1))
    return None


def failed_addresses(report):
    return sorted(
        address.decode("utf-8", "replace") for address in scan_message(report)
    )


def record_bounce(session, report):
    """Mark the message a report answers as bounced; returns True if it did."""
    row_id = answered_row_id(report)
    row = session.get(OutboxMessage, row_id) if row_id else None
    if row is None:
        logger.warning("bounce report without a known message; ignored")
        return False
    if row.state == MailState.bounced:
        return False

    row.state = MailState.bounced
    row.bounced_at = now()
    reason = ", ".join(failed_addresses(report)) or report.get("Subject", "")
    session.add(
        FlaggedAddress(
            address=row.recipient,
            reason=f"onbestelbaar: {reason}"[:2000],
            message_id=row.id,
            flagged_at=now(),
        )
    )
    logger.info("mail %s bounced", row.id)
    return True


def read_maildir(session, directory):
    """Process every report in the maildir, then remove it; returns the count."""
    if not os.path.isdir(directory):
        return 0
    box = mailbox.Maildir(directory, factory=None, create=False)
    marked = 0
    for key in list(box.iterkeys()):
        report = email.message_from_bytes(box.get_bytes(key))
        marked += record_bounce(session, report)
        session.commit()
        box.remove(key)
    return marked


def read_imap(session, host, user, password):
    """Process unseen reports in an IMAP inbox and delete them; returns the count."""
    marked = 0
    with imaplib.IMAP4_SSL(host) as imap:
        imap.login(user, password)
        imap.select("INBOX")
        _, numbers = imap.search(None, "UNSEEN")
        for number in numbers[0].split():
            _, parts = imap.fetch(number, "(RFC822)")
            marked += record_bounce(session, email.message_from_bytes(parts[0][1]))
            session.commit()
            imap.store(number, "+FLAGS", "\\Deleted")
        imap.expunge()
    return marked


def read_bounces(session):
    """Read reports from IMAP when configured, else from the bounce maildir."""
    config = current_app.config
    if config.get("BOUNCE_IMAP_HOST"):
        return read_imap(
            session,
            config["BOUNCE_IMAP_HOST"],
            config["BOUNCE_IMAP_USER"],
            config["BOUNCE_IMAP_PASSWORD"],
        )
    return read_maildir(session, config["BOUNCE_MAILDIR"])
