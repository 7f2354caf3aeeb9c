"""Outbox delivery: Message-ID, HTML part, claims, bounces and job locks.

Revision ID: 0002
Revises: 0001
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

MAIL_STATES = ("pending", "sent", "failed", "bounced")


def upgrade():
    with op.batch_alter_table("outbox_message") as batch:
        batch.add_column(
            sa.Column("body_html", sa.Text(), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("message_id", sa.String(200), nullable=True))
        batch.add_column(sa.Column("claimed_by", sa.String(40), nullable=True))
        batch.add_column(
            sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True)
        )
        batch.add_column(
            sa.Column("bounced_at", sa.DateTime(timezone=True), nullable=True)
        )

    outbox = sa.table(
        "outbox_message",
        sa.column("id", sa.Integer),
        sa.column("message_id", sa.String),
    )
    connection = op.get_bind()
    for (row_id,) in connection.execute(sa.select(outbox.c.id)):
        message_id = f"<{uuid.uuid4().hex}@vlaio.example>"
        connection.execute(
            outbox.update().where(outbox.c.id == row_id).values(message_id=message_id)
        )

    with op.batch_alter_table("outbox_message") as batch:
        batch.alter_column("message_id", existing_type=sa.String(200), nullable=False)
        batch.create_unique_constraint("uq_outbox_message_message_id", ["message_id"])
        batch.alter_column(
            "state",
            existing_type=sa.Enum(
                "pending",
                "sent",
                "failed",
                name="mailstate",
                native_enum=False,
                length=20,
            ),
            type_=sa.Enum(*MAIL_STATES, name="mailstate", native_enum=False, length=20),
            existing_nullable=False,
        )

    op.create_table(
        "job_lock",
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("holder", sa.String(40), nullable=True),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("name", name="pk_job_lock"),
    )
    op.create_table(
        "flagged_address",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(320), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("flagged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["outbox_message.id"],
            name="fk_flagged_address_message_id_outbox_message",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_flagged_address"),
    )
    op.create_index("ix_flagged_address_address", "flagged_address", ["address"])


def downgrade():
    op.drop_index("ix_flagged_address_address", table_name="flagged_address")
    op.drop_table("flagged_address")
    op.drop_table("job_lock")
    with op.batch_alter_table("outbox_message") as batch:
        batch.drop_constraint("uq_outbox_message_message_id", type_="unique")
        batch.drop_column("bounced_at")
        batch.drop_column("claimed_until")
        batch.drop_column("claimed_by")
        batch.drop_column("message_id")
        batch.drop_column("body_html")
