"""many repos in one database: repos, one scan state per branch, rows keyed by scan

Revision ID: 0003
Revises: 0002

The single scan state of a 0002 database (its `meta` rows) becomes a repo whose identity is
not known yet (''): the first scan of a repo that finds no row of its own claims it, so a
database in `.git` keeps its rows. `events.bulk` goes: bulk commits are worked out when read.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_LINEAGE_COLUMNS = (
    "id", "path", "is_post", "title", "date", "draft", "deleted", "published", "ever_published",
    "tags", "categories", "words", "blob", "first_commit", "last_commit", "published_at",
    "published_offset", "published_commit", "published_author", "published_email",
    "deleted_seq", "name_date",
)  # fmt: skip
_EVENT_COLUMNS = (
    "id", "lineage_id", "commit_sha", "time", "utc_offset", "kind", "path", "old_path",
    "author_name", "author_email", "words_added", "words_removed",
)  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "repos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("identity", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("identity"),
    )
    op.create_table(
        "scans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("repo_id", sa.Integer(), nullable=False),
        sa.Column("branch", sa.String(), nullable=False),
        sa.Column("version", sa.String(), nullable=False),
        sa.Column("settings", sa.String(), nullable=False),
        sa.Column("config", sa.String(), nullable=False),
        sa.Column("last_commit", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["repo_id"], ["repos.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("repo_id", "branch"),
    )
    op.create_table(
        "lineages_0003",
        sa.Column("scan_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("path", sa.String(), nullable=False),
        sa.Column("is_post", sa.Boolean(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("date", sa.String(), nullable=True),
        sa.Column("draft", sa.Boolean(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("ever_published", sa.Boolean(), nullable=False),
        sa.Column("tags", sa.String(), nullable=False),
        sa.Column("categories", sa.String(), nullable=False),
        sa.Column("authors", sa.String(), nullable=False, server_default="[]"),
        sa.Column("words", sa.Integer(), nullable=False),
        sa.Column("blob", sa.String(), nullable=True),
        sa.Column("first_commit", sa.String(), nullable=False),
        sa.Column("last_commit", sa.String(), nullable=False),
        sa.Column("published_at", sa.BigInteger(), nullable=True),
        sa.Column("published_offset", sa.Integer(), nullable=True),
        sa.Column("published_commit", sa.String(), nullable=True),
        sa.Column("published_author", sa.String(), nullable=True),
        sa.Column("published_email", sa.String(), nullable=True),
        sa.Column("deleted_seq", sa.Integer(), nullable=False),
        sa.Column("name_date", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(["scan_id"], ["scans.id"]),
        sa.PrimaryKeyConstraint("scan_id", "id"),
    )
    op.create_table(
        "events_0003",
        sa.Column("scan_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("lineage_id", sa.Integer(), nullable=False),
        sa.Column("commit_sha", sa.String(), nullable=False),
        sa.Column("time", sa.BigInteger(), nullable=False),
        sa.Column("utc_offset", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("path", sa.String(), nullable=False),
        sa.Column("old_path", sa.String(), nullable=True),
        sa.Column("author_name", sa.String(), nullable=False),
        sa.Column("author_email", sa.String(), nullable=False),
        sa.Column("words_added", sa.Integer(), nullable=False),
        sa.Column("words_removed", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["scan_id"], ["scans.id"]),
        sa.ForeignKeyConstraint(
            ["scan_id", "lineage_id"], ["lineages_0003.scan_id", "lineages_0003.id"]
        ),
        sa.PrimaryKeyConstraint("scan_id", "id"),
    )
    _carry_over()
    op.drop_index("ix_events_lineage_id", table_name="events")
    op.drop_index("ix_events_commit", table_name="events")
    op.drop_table("events")
    op.drop_index("ix_lineages_is_post", table_name="lineages")
    op.drop_table("lineages")
    op.drop_table("meta")
    op.rename_table("lineages_0003", "lineages")
    op.rename_table("events_0003", "events")
    op.create_index("ix_events_lineage", "events", ["scan_id", "lineage_id"])


def _carry_over() -> None:
    """The 0002 scan state and its rows, under a repo that the next scan claims."""
    conn = op.get_bind()
    meta: dict[str, str] = dict(conn.execute(sa.text("SELECT key, value FROM meta")).all())
    if not meta.get("branch"):
        return
    conn.execute(sa.text("INSERT INTO repos (identity, name) VALUES ('', '')"))
    repo_id = conn.execute(sa.text("SELECT id FROM repos WHERE identity = ''")).scalar_one()
    conn.execute(
        sa.text(
            "INSERT INTO scans (repo_id, branch, version, settings, config, last_commit)"
            " VALUES (:repo, :branch, :version, :settings, '{}', :last)"
        ),
        {
            "repo": repo_id,
            "branch": meta["branch"],
            "version": meta.get("version", ""),
            "settings": meta.get("settings", ""),
            "last": meta.get("last_commit", ""),
        },
    )
    scan_id = conn.execute(sa.text("SELECT id FROM scans")).scalar_one()
    for table, columns in (("lineages", _LINEAGE_COLUMNS), ("events", _EVENT_COLUMNS)):
        names = ", ".join(columns)
        conn.execute(
            sa.text(
                f"INSERT INTO {table}_0003 (scan_id, {names}) SELECT :scan, {names} FROM {table}"
            ),
            {"scan": scan_id},
        )


def downgrade() -> None:
    raise NotImplementedError("streakline databases are a cache: rebuild with `scan --rebuild`")
