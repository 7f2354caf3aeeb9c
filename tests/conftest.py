"""Fixtures: a real database (SQLite, and PostgreSQL when configured) and a
real SMTP server that keeps what it receives."""

import asyncio
import email
import email.policy
import os
import socket

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from tests.browser import Browser
from webform import create_app

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")
REQUIRE_ALL = os.environ.get("REQUIRE_ALL_TESTS") == "1"
BASE_URL = "http://localhost"


class Inbox:
    """An aiosmtpd handler that keeps every message it accepts.

    `script` lists how to answer the next messages, one word each: "accept",
    "tempfail" (451), "drop-before" (hang up before answering), "drop-after"
    (hang up right after the 250), "slow" (answer after SLOW_SECONDS).
    """

    SLOW_SECONDS = 2

    def __init__(self, port):
        self.messages = []
        self.received = []
        self.script = []
        self.port = port
        self.controller = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        message = email.message_from_bytes(
            envelope.content, policy=email.policy.default
        )
        message.envelope_recipients = list(envelope.rcpt_tos)
        message.envelope_sender = envelope.mail_from
        self.received.append(message)
        behaviour = self.script.pop(0) if self.script else "accept"
        if behaviour == "tempfail":
            return "451 4.3.0 Probeer later opnieuw"
        if behaviour == "drop-before":
            server.transport.close()
            return "250 OK"
        if behaviour == "slow":
            await asyncio.sleep(self.SLOW_SECONDS)
        if behaviour == "drop-after":
            asyncio.get_running_loop().call_soon(server.transport.close)
        self.messages.append(message)
        return "250 OK"

    def start(self, handler=None):
        """Listen on this inbox's port, keeping mail here or using `handler`."""
        self.controller = Controller(
            handler or self, hostname="127.0.0.1", port=self.port
        )
        self.controller.start()

    def stop(self):
        """Stop listening, as a mail server that is down."""
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def to(self, address):
        return [m for m in self.messages if address in m.envelope_recipients]

    def clear(self):
        self.messages.clear()
        self.received.clear()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp():
    inbox = Inbox(free_port())
    inbox.start()
    yield inbox
    inbox.stop()


def fresh_postgres(url):
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as connection:
        connection.execute(sa.text("DROP SCHEMA public CASCADE"))
        connection.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite'}"
    if not POSTGRES_URL:
        reason = "PostgreSQL: set TEST_DATABASE_URL to run this test there too"
        if REQUIRE_ALL:
            pytest.fail(reason)
        pytest.skip(reason)
    fresh_postgres(POSTGRES_URL)
    return POSTGRES_URL


@pytest.fixture
def app(database_url, smtp, tmp_path):
    app = create_app(
        {
            "APP_ENV": "testing",
            "SECRET_KEY": "test-secret",
            "DATABASE_URL": database_url,
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": smtp.port,
            "PUBLIC_BASE_URL": BASE_URL,
            "MAIL_CATCHER_DIR": str(tmp_path / "mailcatcher"),
        }
    )
    result = app.test_cli_runner().invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    yield app
    with app.app_context():
        from webform.extensions import db

        db.session.remove()
        db.engine.dispose()


def command_runner(app, exit_code):
    """Run a command as an administrator does; check how it ends; return its output."""
    runner = app.test_cli_runner()

    def run(*args):
        result = runner.invoke(args=[str(arg) for arg in args])
        assert result.exit_code == exit_code, result.output
        return result.output

    return run


@pytest.fixture
def cli(app):
    return command_runner(app, 0)


@pytest.fixture
def refused(app):
    """Run a command that must be refused; return what the administrator reads."""
    return command_runner(app, 1)


@pytest.fixture
def browser(app):
    return Browser(app.test_client(), BASE_URL)


@pytest.fixture
def new_browser(app):
    """Another person's browser, with its own cookies."""
    return lambda: Browser(app.test_client(), BASE_URL)
