"""Read bounce reports and mark the messages they answer.

Every message goes out with its own signed return path,
`bounces+<id>-<signature>@domain`, so a report names the outbox row it
answers. Reports come from a maildir (the development default) or an IMAP
mailbox. Only a permanent failure counts: delay notices and out-of-office
replies are read and dropped.
"""

import email
import hmac
import imaplib
import logging
import mailbox
import os
import re

from flask import current_app
from flufl.bounce import scan_message

from notify.clock import now
from notify.message import signature
from notify.models import FlaggedAddress, MailState, OutboxMessage

logger = logging.getLogger(__name__)

ADDRESS_HEADERS = ("Delivered-To", "X-Original-To", "To", "Envelope-To")
IMAP_TIMEOUT = 60
LARGEST_ID = 2**31 - 1


def answered_row_id(report):
    """The outbox id in the signed return path the report went to, or None."""
    local, _, domain = current_app.config["MAIL_RETURN_PATH"].partition("@")
    pattern = rf"{re.escape(local)}\+(\d{{1,10}})-([0-9a-f]{{12}})@{re.escape(domain)}"
    for header in ADDRESS_HEADERS:
        for value in report.get_all(header, []):
            found = re.search(pattern, str(value), re.IGNORECASE)
            if found and is_signed(int(found.group(1)), found.group(2)):
                return int(found.group(1))
    return None


def is_signed(row_id, given):
    return row_id <= LARGEST_ID and hmac.compare_digest(signature(row_id), given)


def permanent_failures(report):
    try:
        found = scan_message(report)
    except Exception:  # a detector tripping over an odd report
        logger.exception("bounce report could not be read")
        return []
    return sorted(address.decode("utf-8", "replace") for address in found)


def record_bounce(session, report):
    """Mark the message a report answers as bounced; returns True if it did."""
    row_id = answered_row_id(report)
    row = session.get(OutboxMessage, row_id) if row_id else None
    if row is None:
        logger.warning("bounce report without a known message; ignored")
        return False
    failed = permanent_failures(report)
    if not failed or row.state != MailState.sent:
        return False

    row.state = MailState.bounced
    row.bounced_at = now()
    session.add(
        FlaggedAddress(
            address=row.recipient,
            reason=f"onbestelbaar: {', '.join(failed)}"[:2000],
            message_id=row.id,
            flagged_at=now(),
        )
    )
    logger.info("mail %s bounced", row.id)
    return True


def read_one(session, raw):
    """Record one report; a report that breaks is rolled back and set aside."""
    try:
        marked = record_bounce(session, email.message_from_bytes(raw))
        session.commit()
    except Exception:
        session.rollback()
        logger.exception("bounce report set aside")
        return None
    return marked


def read_maildir(session, directory):
    """Process every report in the maildir, then remove it; returns the count."""
    if not os.path.isdir(directory):
        return 0
    box = mailbox.Maildir(directory, factory=None, create=False)
    set_aside = mailbox.Maildir(os.path.join(directory, "set-aside"), create=True)
    marked = 0
    for key in list(box.iterkeys()):
        raw = box.get_bytes(key)
        outcome = read_one(session, raw)
        if outcome is None:
            set_aside.add(raw)
        marked += bool(outcome)
        box.remove(key)
    return marked


def read_imap(session, host, user, password):
    """Process reports in an IMAP inbox and delete them; returns the count.

    A report that breaks is flagged and left for an administrator.
    """
    marked = 0
    with imaplib.IMAP4_SSL(host, timeout=IMAP_TIMEOUT) as imap:
        imap.login(user, password)
        imap.select("INBOX")
        _, numbers = imap.search(None, "UNFLAGGED")
        for number in numbers[0].split():
            _, parts = imap.fetch(number, "(BODY.PEEK[])")
            outcome = read_one(session, parts[0][1])
            flag = "\\Flagged" if outcome is None else "\\Deleted"
            imap.store(number, "+FLAGS", flag)
            marked += bool(outcome)
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
