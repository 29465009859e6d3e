"""The one error type users see. `cli.py` turns these into one line on stderr and exit 1."""

from __future__ import annotations


class StreaklineError(Exception):
    """An error whose message is written for the user: one line, no traceback."""


class ConfigError(StreaklineError):
    """`.streakline.toml` or a command-line setting is wrong."""


class GitError(StreaklineError):
    """The writing repo cannot be read as streakline needs (not a repo, shallow, no branch)."""


class NotARepoError(GitError):
    """The folder given is not inside a git repository."""


class DatabaseError(StreaklineError):
    """The database cannot be used (written by a newer streakline, unreachable, locked)."""


class DamagedDatabaseError(DatabaseError):
    """The database file is not one streakline can read: `scan --rebuild` sets it aside."""
