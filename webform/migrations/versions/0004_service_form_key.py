"""The key of the form that created a service, against double clicks.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("service") as batch:
        batch.add_column(sa.Column("form_key", sa.String(40), nullable=True))
        batch.create_unique_constraint(
            "uq_service_provider_id", ["provider_id", "form_key"]
        )


def downgrade():
    with op.batch_alter_table("service") as batch:
        batch.drop_constraint("uq_service_provider_id", type_="unique")
        batch.drop_column("form_key")
