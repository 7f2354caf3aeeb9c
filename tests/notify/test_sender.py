"""The outbox and the sender against a real SMTP server."""

import re
from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from notify.admin import aware
from notify.clock import now
from notify.models import MailState, OutboxMessage
from notify.outbox import enqueue
from notify.sender import claim, connect, send_batch, send_pending
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
    assert "http://localhost/link/[verborgen]" in stored
    assert "/link/abcdefghijklmnopqrstuvwxyz0123456789" in body_of(smtp.messages[0])


def later(minutes):
    return time_machine.travel(now() + timedelta(minutes=minutes), tick=False)


def test_temporary_refusal_is_retried_later(app, smtp):
    smtp.script = ["tempfail"]
    with app.app_context():
        queue_test_mail()

        assert send_pending(db.session) == 0
        row = outbox_rows()[0]
        assert (row.state, row.attempts) == (MailState.pending, 1)
        assert row.last_error == "451 4.3.0 Probeer later opnieuw"
        assert send_pending(db.session) == 0  # not due yet

        with later(2):
            assert send_pending(db.session) == 1

    assert len(smtp.messages) == 1


def test_connection_dropped_after_250_sends_no_duplicate(app, smtp):
    smtp.script = ["drop-after"]
    with app.app_context():
        queue_test_mail("test:1", to="een@example.be")
        queue_test_mail("test:2", to="twee@example.be")

        assert send_pending(db.session) == 1
        with later(5):
            assert send_pending(db.session) == 1
        with later(60):
            assert send_pending(db.session) == 0

        assert [row.state for row in outbox_rows()] == [MailState.sent] * 2
    recipients = sorted(m.envelope_recipients[0] for m in smtp.received)
    assert recipients == ["een@example.be", "twee@example.be"]


def test_connection_dropped_before_reply_resends_same_message_id(app, smtp):
    smtp.script = ["drop-before"]
    with app.app_context():
        queue_test_mail()

        assert send_pending(db.session) == 0
        with later(5):
            assert send_pending(db.session) == 1

    first, second = smtp.received
    assert first["Message-ID"] == second["Message-ID"]


def test_slow_server_times_out_and_is_retried(app, smtp):
    app.config["MAIL_TIMEOUT"] = 0.5
    smtp.script = ["slow"]
    with app.app_context():
        queue_test_mail()

        assert send_pending(db.session) == 0
        assert "timed out" in outbox_rows()[0].last_error
        with later(5):
            assert send_pending(db.session) == 1


def test_message_has_id_date_return_path_and_both_parts(app, smtp):
    with app.app_context():
        queue_test_mail()
        send_pending(db.session)
        row_id = outbox_rows()[0].id

    [message] = smtp.messages
    assert message["Message-ID"].endswith("@vlaio.example>")
    assert message["Date"]
    assert re.fullmatch(
        rf"bounces\+{row_id}-[0-9a-f]{{12}}@vlaio\.example", message.envelope_sender
    )
    assert message.get_body(preferencelist=("plain",)) is not None
    assert message.get_body(preferencelist=("html",)) is not None


def test_unicode_names_and_long_subject_arrive_intact(app, smtp):
    app.config["MAIL_DEFAULT_SENDER"] = (
        "Agentschap Innoveren & Ondernemen – één loket <kmo@vlaio.example>"
    )
    subject = (
        "Beslissing over ‘Lassen für Anfänger’ en “Ελληνικά μαθήματα” – "
        "één dienst goedgekeurd, één geweigerd; lees de beroepsmogelijkheid"
    )
    with app.app_context():
        enqueue(
            db.session,
            key="test:unicode",
            to="eleni@example.gr",
            to_name="Ελένη Παπαδοπούλου",
            template="long_subject",
            subject_line=subject,
        )
        db.session.commit()
        send_pending(db.session)

    [message] = smtp.messages
    assert len(subject) > 100
    assert message["Subject"] == subject
    assert message["To"] == "Ελένη Παπαδοπούλου <eleni@example.gr>"
    assert message["From"] == (
        "Agentschap Innoveren & Ondernemen – één loket <kmo@vlaio.example>"
    )
    assert "D'Hondt & Zonen" in body_of(message)


def test_a_message_that_cannot_be_built_fails_alone(app, smtp):
    with app.app_context():
        queue_test_mail("t:1", to="een@example.be")
        queue_test_mail("t:2", to="twee@example.be", to_name="Naam\nBcc: x@example.be")
        queue_test_mail("t:3", to="drie@example.be")
        outbox_rows()[1].recipient = "jörg@bücher.de"
        db.session.commit()

        assert send_pending(db.session) == 2

        states = [row.state for row in outbox_rows()]
    assert states == [MailState.sent, MailState.failed, MailState.sent]
    assert sorted(m.envelope_recipients[0] for m in smtp.messages) == [
        "drie@example.be",
        "een@example.be",
    ]


def test_a_claim_that_ran_out_is_not_sent_by_both_senders(app, smtp):
    with app.app_context():
        for number in range(3):
            queue_test_mail(f"t:{number}", to=f"p{number}@example.be")
        slow_worker = "slow"
        claimed = claim(db.session, 10, slow_worker)

        with later(16):  # the slow sender's claim has run out
            assert send_pending(db.session) == 3
            connection = connect()
            assert send_batch(db.session, connection, claimed, slow_worker) == 0
            connection.quit()

    recipients = sorted(m.envelope_recipients[0] for m in smtp.received)
    assert recipients == ["p0@example.be", "p1@example.be", "p2@example.be"]


class RefusingSender:
    async def handle_MAIL(self, server, session, envelope, address, options):  # noqa: N802 (aiosmtpd's hook name)
        return "550 5.7.1 Relaying denied for this sender"


def test_a_server_that_refuses_us_delays_mail_without_failing_it(app, smtp):
    smtp.stop()
    smtp.start(handler=RefusingSender())
    with app.app_context():
        queue_test_mail("t:1", to="een@example.be")
        queue_test_mail("t:2", to="twee@example.be")

        send_pending(db.session)
        with later(1):
            send_pending(db.session)

        rows = outbox_rows()
    assert [(row.state, row.attempts, row.deferrals) for row in rows] == [
        (MailState.pending, 0, 2),
        (MailState.pending, 0, 2),
    ]
    assert rows[0].last_error == "550 5.7.1 Relaying denied for this sender"


def test_waits_grow_while_the_server_is_down(app, smtp):
    smtp.stop()
    with app.app_context():
        queue_test_mail()
        waits = []
        for _ in range(4):
            with time_machine.travel(outbox_rows()[0].next_attempt_at, tick=False):
                send_pending(db.session)
                row = outbox_rows()[0]
                waits.append(clock_minutes(row.next_attempt_at) - clock_minutes(now()))

    assert waits == [1, 2, 4, 8]


def clock_minutes(moment):
    return round(aware(moment).timestamp() / 60)


def test_a_reminder_past_its_moment_expires_instead_of_going_out(app, smtp):
    smtp.stop()
    with app.app_context():
        enqueue(
            db.session,
            key="t:reminder",
            to="an@example.be",
            to_name="An",
            template="test_mail",
            not_after=now() + timedelta(hours=1),
        )
        db.session.commit()
        send_pending(db.session)
        smtp.start()

        with later(90):
            assert send_pending(db.session) == 0

        assert outbox_rows()[0].state == MailState.expired
    assert smtp.received == []
