"""SQLAlchemy 2.0 models. Rows never leave db.py: other modules get plain values."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Meta(Base):
    """What produced the stored events: streakline version, settings, branch, last commit."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(String)


class Lineage(Base):
    __tablename__ = "lineages"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    path: Mapped[str]
    is_post: Mapped[bool] = mapped_column(index=True)
    title: Mapped[str]
    date: Mapped[str | None]
    draft: Mapped[bool]
    deleted: Mapped[bool]
    published: Mapped[bool]
    ever_published: Mapped[bool]
    tags: Mapped[str]
    categories: Mapped[str]
    words: Mapped[int]
    blob: Mapped[str | None]
    first_commit: Mapped[str]
    last_commit: Mapped[str]
    published_at: Mapped[int | None]
    published_offset: Mapped[int | None]
    published_commit: Mapped[str | None]
    published_author: Mapped[str | None]
    published_email: Mapped[str | None]
    deleted_seq: Mapped[int]
    name_date: Mapped[str | None]


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (Index("ix_events_commit", "commit_sha"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    lineage_id: Mapped[int] = mapped_column(ForeignKey("lineages.id"), index=True)
    commit_sha: Mapped[str]
    time: Mapped[int]
    utc_offset: Mapped[int]
    kind: Mapped[str]
    path: Mapped[str]
    old_path: Mapped[str | None]
    author_name: Mapped[str]
    author_email: Mapped[str]
    words_added: Mapped[int]
    words_removed: Mapped[int]
    bulk: Mapped[bool]
