"""A local mail catcher for development: SMTP in, a maildir out."""

import email
import email.policy
import logging
import mailbox
import time

from aiosmtpd.controller import Controller

logger = logging.getLogger(__name__)


class MaildirHandler:
    def __init__(self, directory):
        self.maildir = mailbox.Maildir(directory, create=True)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.maildir.add(envelope.original_content or envelope.content)
        logger.info("caught a mail for %s", ", ".join(envelope.rcpt_tos))
        return "250 Message accepted for delivery"


def serve(directory, host, port):
    """Catch mail on host:port until interrupted."""
    controller = Controller(MaildirHandler(directory), hostname=host, port=port)
    controller.start()
    logger.info("mail catcher listening on %s:%d", host, port)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


def read_messages(directory):
    """Return (key, message) pairs from the maildir, newest first."""
    box = mailbox.Maildir(directory, create=True)
    found = []
    for key in box.iterkeys():
        delivered = box.get_message(key).get_date()
        raw = box.get_bytes(key)
        message = email.message_from_bytes(raw, policy=email.policy.default)
        found.append((delivered, key, message))
    found.sort(key=lambda triple: triple[0], reverse=True)
    return [(key, message) for _, key, message in found]
