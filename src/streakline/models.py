"""SQLAlchemy 2.0 models. Rows never leave store.py: other modules get plain values.

One database holds many writing repos; each repo has one scan state per tracked branch, and
every lineage and event belongs to one scan state. Lineage and event ids are numbered by the
scan within its own state, so a rebuild reproduces them exactly and two writers of different
repos never compete for ids.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class RepoRow(Base):
    """A writing repo: its root commit plus its remote URL (else its path) says which."""

    __tablename__ = "repos"

    id: Mapped[int] = mapped_column(primary_key=True)
    identity: Mapped[str] = mapped_column(String, unique=True)
    name: Mapped[str]


class ScanRow(Base):
    """What produced one branch's stored events: streakline version, settings, last commit."""

    __tablename__ = "scans"
    __table_args__ = (UniqueConstraint("repo_id", "branch"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    repo_id: Mapped[int] = mapped_column(ForeignKey("repos.id"))
    branch: Mapped[str]
    version: Mapped[str]
    settings: Mapped[str]  # the fingerprint of what decides which events exist
    config: Mapped[str]  # the settings as JSON, for reading the rows without the repo (`board`)
    last_commit: Mapped[str]


class LineageRow(Base):
    __tablename__ = "lineages"

    scan_id: Mapped[int] = mapped_column(ForeignKey("scans.id"), primary_key=True)
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    path: Mapped[str]
    is_post: Mapped[bool]
    title: Mapped[str]
    date: Mapped[str | None]
    draft: Mapped[bool]
    deleted: Mapped[bool]
    published: Mapped[bool]
    ever_published: Mapped[bool]
    tags: Mapped[str]
    categories: Mapped[str]
    authors: Mapped[str]
    words: Mapped[int]
    blob: Mapped[str | None]
    first_commit: Mapped[str]
    last_commit: Mapped[str]
    # Seconds since 1970: past 2038 on PostgreSQL, whose INTEGER is 32 bits.
    published_at: Mapped[int | None] = mapped_column(BigInteger)
    published_offset: Mapped[int | None]
    published_commit: Mapped[str | None]
    published_author: Mapped[str | None]
    published_email: Mapped[str | None]
    deleted_seq: Mapped[int]
    name_date: Mapped[str | None]
    encoding: Mapped[str]


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (
        ForeignKeyConstraint(["scan_id", "lineage_id"], ["lineages.scan_id", "lineages.id"]),
        Index("ix_events_lineage", "scan_id", "lineage_id"),
    )

    scan_id: Mapped[int] = mapped_column(ForeignKey("scans.id"), primary_key=True)
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    lineage_id: Mapped[int]
    commit_sha: Mapped[str]
    time: Mapped[int] = mapped_column(BigInteger)
    utc_offset: Mapped[int]
    kind: Mapped[str]
    path: Mapped[str]
    old_path: Mapped[str | None]
    author_name: Mapped[str]
    author_email: Mapped[str]
    words_added: Mapped[int]
    words_removed: Mapped[int]


class CheckpointRow(Base):
    """What undoing one of a branch's latest scanned commits takes (`lineage.Checkpoint`).

    Only the newest few are kept: enough to undo an amend or a short rebase without a scan
    from the first commit.
    """

    __tablename__ = "checkpoints"

    scan_id: Mapped[int] = mapped_column(ForeignKey("scans.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    commit_sha: Mapped[str]
    before_commit: Mapped[str]
    next_lineage: Mapped[int]
    next_event: Mapped[int]
    lineages: Mapped[str]  # JSON: the lineage rows as they were before the commit
