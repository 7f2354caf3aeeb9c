"""Development only: read the mails the local mail catcher caught."""

from email.utils import parsedate_to_datetime

from flask import Blueprint, abort, current_app, render_template

from notify.catcher import read_messages
from webform import clock

bp = Blueprint("dev", __name__, url_prefix="/dev")


def caught():
    return read_messages(current_app.config["MAIL_CATCHER_DIR"])


def sent_on(mail):
    """The Date header in Brussels time, as every other page shows times."""
    try:
        return clock.format_local(parsedate_to_datetime(mail["Date"]))
    except (TypeError, ValueError):
        return mail["Date"] or ""


@bp.get("/mail")
def mailbox():
    return render_template("dev/mailbox.html", messages=caught(), sent_on=sent_on)


@bp.get("/mail/<key>")
def message(key):
    found = dict(caught())
    if key not in found:
        abort(404)
    mail = found[key]
    body = mail.get_body(preferencelist=("plain",))
    text = body.get_content() if body else ""
    return render_template(
        "dev/message.html", mail=mail, text=text, sent_on=sent_on(mail)
    )
