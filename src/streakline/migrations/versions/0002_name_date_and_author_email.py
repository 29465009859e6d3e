"""a lineage's date from an earlier name, and the email of its publishing author

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("lineages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("published_email", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("name_date", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("lineages", schema=None) as batch_op:
        batch_op.drop_column("name_date")
        batch_op.drop_column("published_email")
