"""Turn an outbox row into the message that goes out.

Headers are encoded with `email.header.Header` (the compat32 API): the newer
folder of the standard library drops the space between a plain word and an
encoded word in long subjects, which this API does not.
"""

import hashlib
import hmac
from email.charset import QP, Charset
from email.header import Header
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr, parseaddr

from flask import current_app

from notify.clock import now

UTF8 = Charset("utf-8")
UTF8.body_encoding = QP


def signature(row_id):
    """A short signature, so that a forged bounce cannot name any message."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, str(row_id).encode(), hashlib.sha256).hexdigest()[:12]


def return_path(row):
    """The envelope sender: a bounce to it names the message it answers."""
    local, _, domain = current_app.config["MAIL_RETURN_PATH"].partition("@")
    return f"{local}+{row.id}-{signature(row.id)}@{domain}"


def build_message(row):
    message = MIMEMultipart("alternative")
    message["Subject"] = Header(row.subject, "utf-8")
    message["From"] = formataddr(
        parseaddr(current_app.config["MAIL_DEFAULT_SENDER"]), "utf-8"
    )
    message["To"] = formataddr((row.recipient_name, row.recipient), "utf-8")
    message["Date"] = format_datetime(now())
    message["Message-ID"] = row.message_id
    message.attach(MIMEText(row.body_text, "plain", UTF8))
    if row.body_html:
        message.attach(MIMEText(row.body_html, "html", UTF8))
    return message
