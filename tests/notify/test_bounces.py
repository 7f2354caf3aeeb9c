"""Bounce reports name the message they answer and flag its recipient."""

import mailbox

import pytest
from sqlalchemy import select

from notify.bounces import read_bounces
from notify.models import FlaggedAddress, MailState, OutboxMessage
from notify.outbox import enqueue
from notify.sender import send_pending
from webform.extensions import db

pytestmark = pytest.mark.usefixtures("test_mail_template")

DSN = """\
From: Mail Delivery System <MAILER-DAEMON@mx.example.be>
To: {return_path}
Delivered-To: {return_path}
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

Your message could not be delivered.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.be

Final-Recipient: rfc822; weg@example.be
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 User unknown

--B--
"""


def test_bounce_marks_the_message_and_flags_the_address(app, smtp, cli, tmp_path):
    app.config["BOUNCE_MAILDIR"] = str(tmp_path / "bounces")
    with app.app_context():
        enqueue(
            db.session,
            key="t:1",
            to="weg@example.be",
            to_name="Weg",
            template="test_mail",
        )
        enqueue(
            db.session,
            key="t:2",
            to="er@example.be",
            to_name="Er",
            template="test_mail",
        )
        db.session.commit()
        send_pending(db.session)
        [gone, stays] = smtp.messages
        box = mailbox.Maildir(app.config["BOUNCE_MAILDIR"], create=True)
        box.add(DSN.format(return_path=gone.envelope_sender))

        assert read_bounces(db.session) == 1
        assert read_bounces(db.session) == 0

        states = dict(
            db.session.execute(
                select(OutboxMessage.recipient, OutboxMessage.state)
            ).all()
        )
        flagged = db.session.scalars(select(FlaggedAddress)).all()
    assert states == {
        "weg@example.be": MailState.bounced,
        "er@example.be": MailState.sent,
    }
    assert [(f.address, f.reason) for f in flagged] == [
        ("weg@example.be", "onbestelbaar: weg@example.be")
    ]
    listed = cli("mail", "flagged")
    assert "weg@example.be  bericht 1  onbestelbaar: weg@example.be" in listed
    assert "er@example.be" not in listed


DELAY = DSN.replace("Action: failed", "Action: delayed").replace(
    "Status: 5.1.1", "Status: 4.4.1"
)


def sent_mail(app, smtp, to="weg@example.be"):
    with app.app_context():
        enqueue(db.session, key="t:1", to=to, to_name="Weg", template="test_mail")
        db.session.commit()
        send_pending(db.session)
    return smtp.messages[-1].envelope_sender


def state_after(app, *reports):
    with app.app_context():
        box = mailbox.Maildir(app.config["BOUNCE_MAILDIR"], create=True)
        for report in reports:
            box.add(report)
        read_bounces(db.session)
        return db.session.scalars(select(OutboxMessage.state)).one(), len(box)


def test_delay_notices_forged_and_broken_reports_change_nothing(app, smtp, tmp_path):
    app.config["BOUNCE_MAILDIR"] = str(tmp_path / "bounces")
    return_path = sent_mail(app, smtp)
    forged = return_path.split("-")[0] + "-000000000000@vlaio.example"
    huge = "bounces+99999999999999999999-000000000000@vlaio.example"
    no_from = DSN.format(return_path=return_path).split("\n", 1)[1]

    state, left = state_after(
        app,
        DELAY.format(return_path=return_path),
        DSN.format(return_path=forged),
        DSN.format(return_path=huge),
    )

    assert (state, left) == (MailState.sent, 0)
    assert state_after(app, no_from) == (MailState.bounced, 0)
