"""streakline: a writer's Git history as a writing habit they can see."""

__version__ = "0.2.0"
