"""checkpoints: the latest scanned commits of each branch can be undone

Revision ID: 0005
Revises: 0004

An amend or a short rebase then costs an incremental scan, not a scan from the first commit.
Existing databases start with none: their next rewrite starts over once, as before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "checkpoints",
        sa.Column("scan_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("commit_sha", sa.String(), nullable=False),
        sa.Column("before_commit", sa.String(), nullable=False),
        sa.Column("next_lineage", sa.Integer(), nullable=False),
        sa.Column("next_event", sa.Integer(), nullable=False),
        sa.Column("lineages", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["scan_id"], ["scans.id"]),
        sa.PrimaryKeyConstraint("scan_id", "seq"),
    )


def downgrade() -> None:
    op.drop_table("checkpoints")
