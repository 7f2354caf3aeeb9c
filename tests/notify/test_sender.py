"""The outbox and the sender against a real SMTP server."""

from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from notify.clock import now
from notify.models import MailState, OutboxMessage
from notify.outbox import enqueue
from notify.sender import send_pending
from tests.browser import body_of
from webform.extensions import db

pytestmark = pytest.mark.usefixtures("test_mail_template")


def queue_test_mail(key="test:1", to="an@example.be", to_name="An Çelik"):
    enqueue(
        db.session,
        key=key,
        to=to,
        to_name=to_name,
        template="test_mail",
    )
    db.session.commit()


def outbox_rows():
    return db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()


class Refusing:
    async def handle_RCPT(self, server, session, envelope, address, options):  # noqa: N802 (aiosmtpd's hook name)
        return "550 5.1.1 Onbekende ontvanger"


def test_same_key_twice_stores_one_mail(app, smtp):
    with app.app_context():
        queue_test_mail()
        queue_test_mail()

        assert len(outbox_rows()) == 1


def test_mail_arrives_with_unicode_name_and_subject(app, smtp):
    with app.app_context():
        queue_test_mail()

        assert send_pending(db.session) == 1

    [message] = smtp.messages
    assert message["To"] == "An Çelik <an@example.be>"
    assert (
        message["Subject"] == "Proef – één bericht met accenten én ‘aanhalingstekens’"
    )
    assert "Beste An Çelik," in body_of(message)


def test_mail_server_down_loses_nothing(app, smtp):
    smtp.stop()
    with app.app_context():
        queue_test_mail()

        assert send_pending(db.session) == 0
        assert outbox_rows()[0].state == MailState.pending

        smtp.start()
        with time_machine.travel(now() + timedelta(minutes=5), tick=False):
            assert send_pending(db.session) == 1
            assert send_pending(db.session) == 0

        assert outbox_rows()[0].state == MailState.sent
    assert len(smtp.messages) == 1


def test_permanent_refusal_marks_failed_with_answer(app, smtp):
    smtp.stop()
    smtp.start(handler=Refusing())
    with app.app_context():
        queue_test_mail()

        send_pending(db.session)

        row = outbox_rows()[0]
        assert row.state == MailState.failed
        assert row.last_error == "550 5.1.1 Onbekende ontvanger"


def test_sent_mail_keeps_no_token(app, smtp):
    with app.app_context():
        enqueue(
            db.session,
            key="test:link",
            to="an@example.be",
            to_name="An",
            template="test_mail",
            url="http://localhost/link/abcdefghijklmnopqrstuvwxyz0123456789",
        )
        db.session.commit()

        send_pending(db.session)

        stored = outbox_rows()[0].body_text
    assert "abcdefghijklmnopqrstuvwxyz" not in stored
    assert "http://localhost/link/[verborgen na verzending]" in stored
    assert "/link/abcdefghijklmnopqrstuvwxyz0123456789" in body_of(smtp.messages[0])
