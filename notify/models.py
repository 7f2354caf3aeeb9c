import enum
from datetime import datetime

from sqlalchemy import DateTime, Enum, ForeignKey, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """The declarative base every model of the product shares."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class MailState(enum.Enum):
    pending = "wacht"
    sent = "verzonden"
    failed = "mislukt"
    bounced = "onbestelbaar"
    expired = "vervallen"

    @property
    def label(self):
        return self.value


class OutboxMessage(Base):
    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    recipient: Mapped[str] = mapped_column(String(320))
    recipient_name: Mapped[str] = mapped_column(String(300), default="")
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text, default="")
    message_id: Mapped[str] = mapped_column(String(200), unique=True)
    state: Mapped[MailState] = mapped_column(
        Enum(MailState, native_enum=False, length=20), default=MailState.pending
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    claimed_by: Mapped[str | None] = mapped_column(String(40))
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    bounced_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # A reminder is pointless after its deadline: it expires instead of going out.
    not_after: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Times the mail server, not this message, kept it from going out.
    deferrals: Mapped[int] = mapped_column(Integer, default=0)

    def __repr__(self):
        return f"<OutboxMessage {self.id} {self.key!r} {self.state.name}>"


class JobLock(Base):
    """Keeps one job from running in two processes at once."""

    __tablename__ = "job_lock"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    holder: Mapped[str | None] = mapped_column(String(40))
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    def __repr__(self):
        return f"<JobLock {self.name} {self.holder}>"


class FlaggedAddress(Base):
    """An address whose mail bounced, for an administrator to look at."""

    __tablename__ = "flagged_address"

    id: Mapped[int] = mapped_column(primary_key=True)
    address: Mapped[str] = mapped_column(String(320), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    message_id: Mapped[int] = mapped_column(ForeignKey("outbox_message.id"))
    flagged_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    def __repr__(self):
        return f"<FlaggedAddress {self.id} {self.address}>"
