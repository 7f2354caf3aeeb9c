"""Outbox: expiry of reminders and a count of deferrals by the server.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

OLD_STATES = ("pending", "sent", "failed", "bounced")
NEW_STATES = (*OLD_STATES, "expired")


def state_type(states):
    return sa.Enum(*states, name="mailstate", native_enum=False, length=20)


def upgrade():
    with op.batch_alter_table("outbox_message") as batch:
        batch.add_column(
            sa.Column("not_after", sa.DateTime(timezone=True), nullable=True)
        )
        batch.add_column(
            sa.Column("deferrals", sa.Integer(), nullable=False, server_default="0")
        )
        batch.alter_column(
            "state",
            existing_type=state_type(OLD_STATES),
            type_=state_type(NEW_STATES),
            existing_nullable=False,
        )


def downgrade():
    with op.batch_alter_table("outbox_message") as batch:
        batch.alter_column(
            "state",
            existing_type=state_type(NEW_STATES),
            type_=state_type(OLD_STATES),
            existing_nullable=False,
        )
        batch.drop_column("deferrals")
        batch.drop_column("not_after")
