"""Reminder settings per round, and the due date of an assignment.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("round") as batch:
        batch.add_column(
            sa.Column(
                "provider_reminder_days",
                sa.String(50),
                nullable=False,
                server_default="14,7,2",
            )
        )
        batch.add_column(
            sa.Column(
                "reviewer_reminder_every",
                sa.Integer(),
                nullable=False,
                server_default="2",
            )
        )
        batch.add_column(
            sa.Column(
                "chamber_reminder_before",
                sa.Integer(),
                nullable=False,
                server_default="2",
            )
        )
    with op.batch_alter_table("service") as batch:
        batch.add_column(
            sa.Column("review_due_at", sa.DateTime(timezone=True), nullable=True)
        )


def downgrade():
    with op.batch_alter_table("service") as batch:
        batch.drop_column("review_due_at")
    with op.batch_alter_table("round") as batch:
        batch.drop_column("chamber_reminder_before")
        batch.drop_column("reviewer_reminder_every")
        batch.drop_column("provider_reminder_days")
