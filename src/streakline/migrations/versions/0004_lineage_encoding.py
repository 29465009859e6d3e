"""how each post's current version was read: utf-8, utf-8-bom or utf-8-replaced

Revision ID: 0004
Revises: 0003

Rows stored before this revision do not know their encoding: every branch's scan state
forgets its last commit, so the next scan reads the history again and fills it in (the
database is a cache of Git; a scan from scratch gives what `scan --rebuild` gives).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("lineages", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("encoding", sa.String(), nullable=False, server_default="utf-8")
        )
    op.execute(sa.text("UPDATE scans SET last_commit = ''"))


def downgrade() -> None:
    with op.batch_alter_table("lineages", schema=None) as batch_op:
        batch_op.drop_column("encoding")
