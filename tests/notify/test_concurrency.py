"""Two senders, or two schedulers, at the same time: every mail goes out once."""

import os
import subprocess
import sys
import time
from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from notify.models import MailState, OutboxMessage
from notify.outbox import enqueue
from tests.samples import create_round, import_providers
from webform.extensions import db

pytestmark = pytest.mark.usefixtures("test_mail_template")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))


def process_environment(app, smtp):
    return {
        **os.environ,
        "APP_ENV": "testing",
        "DATABASE_URL": app.config["DATABASE_URL"],
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(smtp.port),
        "PUBLIC_BASE_URL": "http://localhost",
        "PYTHONPATH": ROOT,
    }


def start(command, app, smtp):
    return subprocess.Popen(
        command,
        env=process_environment(app, smtp),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process):
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    return out


def test_two_senders_share_the_pending_mail(app, smtp):
    if not app.config["DATABASE_URL"].startswith("postgresql"):
        pytest.skip("two senders at once are a PostgreSQL deployment")
    with app.app_context():
        for number in range(1000):
            enqueue(
                db.session,
                key=f"t:{number}",
                to=f"p{number}@example.be",
                to_name="Test",
                template="test_mail",
            )
        db.session.commit()
    sender = [sys.executable, "tests/notify/sender_process.py", "25"]

    first, second = start(sender, app, smtp), start(sender, app, smtp)
    counts = [int(finish(first)), int(finish(second))]

    assert sum(counts) == 1000
    assert min(counts) > 0, "both senders took part"
    recipients = Counter(m.envelope_recipients[0] for m in smtp.received)
    assert len(recipients) == 1000
    assert set(recipients.values()) == {1}
    with app.app_context():
        states = db.session.execute(
            select(OutboxMessage.state, func.count()).group_by(OutboxMessage.state)
        ).all()
    assert states == [(MailState.sent, 1000)]


def open_round_today(cli, tmp_path, providers):
    """The processes read the real clock: open a round around today."""
    rows = [
        f"DV.O{100000 + n},Aanbieder {n},info{n}@example.be" for n in range(providers)
    ]
    import_providers(cli, tmp_path, rows)
    today = date.today()
    create_round(cli, today.year, today - timedelta(days=1), today + timedelta(days=30))


def test_two_schedulers_invite_each_provider_once(app, smtp, cli, tmp_path):
    open_round_today(cli, tmp_path, providers=60)
    run_due = [sys.executable, "-m", "flask", "--app", "webform", "jobs", "run-due"]

    first, second = start(run_due, app, smtp), start(run_due, app, smtp)
    finish(first)
    finish(second)
    received_by_processes = len(smtp.received)
    cli("jobs", "run-due")

    assert received_by_processes == 60
    recipients = Counter(m.envelope_recipients[0] for m in smtp.received)
    assert len(recipients) == 60
    assert set(recipients.values()) == {1}


def test_two_scheduler_processes_send_each_invitation_once(app, smtp, cli, tmp_path):
    open_round_today(cli, tmp_path, providers=40)
    scheduler = [sys.executable, "-m", "flask", "--app", "webform", "scheduler"]

    first, second = start(scheduler, app, smtp), start(scheduler, app, smtp)
    try:
        deadline = time.monotonic() + 60
        while len(smtp.received) < 40 and time.monotonic() < deadline:
            time.sleep(0.5)
        time.sleep(2)  # time for a duplicate to show up, if there were one
    finally:
        for process in (first, second):
            process.terminate()
            process.communicate(timeout=30)

    recipients = Counter(m.envelope_recipients[0] for m in smtp.received)
    assert len(recipients) == 40
    assert set(recipients.values()) == {1}
