from __future__ import annotations

import json
from datetime import date
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest

from streakline.report import report_json
from streakline.rules import daily_activity
from streakline.stats import PostRecord, compute_report
from streakline.streaks import Cadence, StreakRules

TODAY = date(2026, 11, 25)  # a Wednesday


def post(
    published: str | None,
    *,
    status: str = "published",
    tags: tuple[str, ...] = (),
    categories: tuple[str, ...] = (),
    words: int = 0,
    author: str | None = "Ada",
) -> PostRecord:
    day = None if published is None else date.fromisoformat(published)
    return PostRecord(
        path=f"content/{published or 'draft'}-{status}.md",
        title="A post",
        status=status,
        published=day,
        date_source="declared",
        tags=tags,
        categories=categories,
        words=words,
        edits=0,
        author=author,
        first_commit="a" * 40,
        last_commit="b" * 40,
    )


Event = tuple[date, str, int]


def event(day: str, kind: str = "edited", words_added: int = 0) -> Event:
    """A writing event as the report reads it: its day, its kind and the words it added."""
    return (date.fromisoformat(day), kind, words_added)


POSTS = [
    post("2008-03-14", tags=("Python",), categories=("Vim",), words=100),
    post("2026-11-10", tags=("python", "Git"), words=200),
    post(
        "2026-11-20",
        tags=("python", " git ", "PYTHON"),
        categories=("vim",),
        words=300,
        author="Bob",
    ),
    post(None, status="draft", tags=("drafty",), words=999),
    post("2026-12-20", status="scheduled", words=999),
    post("2026-11-03", status="unpublished", tags=("old",), words=50, author="Cy"),
]
ACTIVITY = [
    event("2008-03-14", "published", 100),
    event("2025-01-05", "edited", 7),
    event("2026-11-10", "published", 200),
    event("2026-11-12", "edited", 30),
    event("2026-11-20", "published", 300),
    event("2026-11-24", "edited", 10),
]


def report(
    posts: list[PostRecord] = POSTS,
    activity: list[Event] = ACTIVITY,
    rules: StreakRules = StreakRules(),  # noqa: B008 - frozen, so sharing it is safe
    today: date = TODAY,
    **options: Any,
) -> dict[str, Any]:
    """The report as `stats --json` gives it."""
    typed = compute_report(
        posts,
        daily_activity(activity),
        rules,
        today,
        timezone_name="Europe/Berlin",
        date_source="declared",
        branch="main",
        head="c" * 40,
        site="Ada's notes",
        **options,
    )
    return report_json(typed)


DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
NULLABLE_DATE = {"anyOf": [DATE, {"type": "null"}]}
COUNT = {"type": "integer", "minimum": 0}


def exact(properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


STREAK = exact(
    {
        "length": COUNT,
        "unit": {"enum": ["day", "week", "month", "year"]},
        "start": NULLABLE_DATE,
        "end": NULLABLE_DATE,
    }
)
CURRENT = exact(
    {
        **STREAK["properties"],
        "status": {"enum": ["done", "at_risk", "broken"]},
        "days_left": {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "null"}]},
    }
)
ACTIVITY_COUNTS = exact({"posts": COUNT, "edits": COUNT, "words": COUNT})
STATS_SCHEMA = exact({
    "schema": {"const": 1},
    "repo": exact({"branch": {"type": "string"}, "head": {"type": "string"}}),
    "settings": exact({
        "cadence": {"enum": ["day", "week", "month", "year"]},
        "per_period": {"type": "integer", "minimum": 1},
        "week_start": {"enum": ["monday", "sunday"]},
        "timezone": {"type": "string"},
        "date_source": {"enum": ["declared", "landed"]},
        "today": DATE,
    }),
    "totals": exact({
        "posts": COUNT, "drafts": COUNT, "scheduled": COUNT, "words": COUNT, "edits": COUNT,
        "first_post": NULLABLE_DATE, "last_post": NULLABLE_DATE,
    }),
    "est": {"anyOf": [{"type": "integer"}, {"type": "null"}]},
    "streaks": exact({"current": CURRENT, "longest": STREAK}),
    "by_year": {
        "type": "object",
        "propertyNames": {"pattern": r"^\d{4}$"},
        "additionalProperties": ACTIVITY_COUNTS,
    },
    "tags": {"type": "object", "additionalProperties": COUNT},
    "categories": {"type": "object", "additionalProperties": COUNT},
    "authors": {"type": "object", "additionalProperties": COUNT},
    "badges": exact({
        "streak": {"type": "string"},
        "est": {"type": ["string", "null"]},
        "footer": {"type": "string"},
    }),
    "site": {"type": "string"},
    "cadences": {
        "type": "object",
        "propertyNames": {"enum": ["day", "week", "month", "year"]},
        "additionalProperties": exact({"current": CURRENT, "longest": STREAK}),
    },
    "consistency": {"type": "number", "minimum": 0, "maximum": 1},
    "by_month": {
        "type": "object",
        "propertyNames": {"pattern": r"^\d{4}-\d{2}$"},
        "additionalProperties": ACTIVITY_COUNTS,
    },
    "tags_last_used": {"type": "object", "additionalProperties": DATE},
    "calendar": exact({
        "start": DATE,
        "end": DATE,
        "days": {
            "type": "object",
            "propertyNames": {"pattern": r"^\d{4}-\d{2}-\d{2}$"},
            "additionalProperties": {"type": "integer", "minimum": 1},
        },
    }),
})  # fmt: skip
# Only on a blog with more than one writer: each writer's own posts and habit.
STATS_SCHEMA["properties"]["writers"] = {
    "type": "object",
    "additionalProperties": exact({
        "posts": COUNT, "posts_this_year": COUNT, "words": COUNT, "current": CURRENT,
        "longest": STREAK, "last_post": NULLABLE_DATE,
    }),
}  # fmt: skip
STATS_SCHEMA["properties"]["achievements"] = {
    "type": "array",
    "items": exact({
        "kind": {"enum": ["posts", "words", "first_of_year", "streak", "longest"]},
        "title": {"type": "string", "minLength": 1}, "date": DATE, "path": {"type": "string"},
    }),
}  # fmt: skip
STATS_SCHEMA["required"].append("achievements")

STATS_SCHEMA["properties"]["title"] = {"type": "string"}
STATS_SCHEMA["properties"]["categories_last_used"] = {
    "type": "object",
    "additionalProperties": DATE,
}
GOAL = exact({
    "target": {"type": "integer", "minimum": 1}, "done": COUNT, "on_pace_for": COUNT,
    "days_left": COUNT, "needed_per_week": {"type": "number", "minimum": 0},
    "reached": {"type": "boolean"},
})  # fmt: skip
STATS_SCHEMA["properties"]["goal"] = {
    "anyOf": [
        {"type": "null"},
        {
            "type": "object",
            "properties": {"year": {"type": "integer"}, "posts": GOAL, "words": GOAL},
            "required": ["year"],
            "additionalProperties": False,
        },
    ]
}
STATS_SCHEMA["properties"]["rhythm"] = {
    "anyOf": [
        {"type": "null"},
        exact({
            "posts": COUNT, "first_post": DATE, "last_post": DATE,
            "every_days": {"type": ["number", "null"], "minimum": 0},
            "longest_gap": {
                "anyOf": [
                    {"type": "null"},
                    exact({"days": COUNT, "after": DATE, "before": DATE}),
                ]
            },
            "last_streak": STREAK, "silent_days": COUNT, "dormant": {"type": "boolean"},
        }),
    ]
}  # fmt: skip


@pytest.mark.parametrize(
    ("posts", "activity"),
    [
        pytest.param(POSTS, ACTIVITY, id="full-history"),
        pytest.param([], [], id="empty-history"),
    ],
)
def test_report_shape(posts: list[PostRecord], activity: list[Event]) -> None:
    shown = report(posts, activity)
    jsonschema.validate(shown, STATS_SCHEMA)
    assert json.loads(json.dumps(shown)) == shown


def test_report_keys_keep_their_order() -> None:
    assert list(report()) == [
        "schema", "repo", "settings", "totals", "est", "streaks", "by_year", "tags",
        "categories", "authors", "badges", "site", "cadences", "consistency", "by_month",
        "tags_last_used", "calendar", "writers", "achievements", "categories_last_used",
        "goal", "rhythm", "title",
    ]  # fmt: skip


def test_report_of_a_history() -> None:
    shown = report()
    assert shown["repo"] == {"branch": "main", "head": "c" * 40}
    assert shown["settings"] == {
        "cadence": "week",
        "per_period": 1,
        "week_start": "monday",
        "timezone": "Europe/Berlin",
        "date_source": "declared",
        "today": "2026-11-25",
    }
    assert shown["totals"] == {
        "posts": 3,
        "drafts": 1,
        "scheduled": 1,
        "words": 600,
        "edits": 3,
        "first_post": "2008-03-14",
        "last_post": "2026-11-20",
    }
    assert shown["est"] == 2008
    assert shown["streaks"] == {
        "current": {
            "length": 2,
            "unit": "week",
            "start": "2026-11-09",
            "end": "2026-11-22",
            "status": "at_risk",
            "days_left": 5,
        },
        "longest": {"length": 2, "unit": "week", "start": "2026-11-09", "end": "2026-11-22"},
    }
    assert shown["authors"] == {"Ada": 2, "Bob": 1}
    assert shown["badges"] == {
        "streak": "2w streak",
        "est": "est. 2008",
        "footer": "est. 2008 ● 2w streak",
    }
    assert shown["site"] == "Ada's notes"
    assert 0 < shown["consistency"] < 1
    assert shown["consistency"] == round(shown["consistency"], 3)


def test_tags_and_categories_match_case_insensitively() -> None:
    shown = report()
    # "python" is written three times that way and once "Python"; one post lists it twice.
    # "Git" and "git" tie, and the alphabetically first spelling wins.
    assert list(shown["tags"].items()) == [("python", 3), ("Git", 2)]
    assert shown["tags_last_used"] == {"python": "2026-11-20", "Git": "2026-11-20"}
    assert shown["categories"] == {"Vim": 2}


def test_tags_are_ordered_by_count_then_name() -> None:
    posts = [
        post("2026-11-02", tags=("zen", "B", "a")),
        post("2026-11-03", tags=("zen",)),
        post("2026-11-04", tags=("c",)),
    ]
    assert list(report(posts, [])["tags"].items()) == [("zen", 2), ("a", 1), ("B", 1), ("c", 1)]
    assert report(posts, [])["tags_last_used"] == {
        "zen": "2026-11-03",
        "a": "2026-11-02",
        "B": "2026-11-02",
        "c": "2026-11-04",
    }


def test_include_deleted_counts_unpublished_posts() -> None:
    shown = report(include_deleted=True)
    assert shown["totals"]["posts"] == 4
    assert shown["totals"]["words"] == 650
    assert shown["streaks"]["current"]["length"] == 3
    assert shown["streaks"]["current"]["start"] == "2026-11-02"
    assert shown["tags"]["old"] == 1
    assert shown["authors"] == {"Ada": 2, "Bob": 1, "Cy": 1}


def test_by_year_fills_every_year_through_today() -> None:
    by_year = report()["by_year"]
    assert list(by_year) == [str(year) for year in range(2008, 2027)]
    assert by_year["2008"] == {"posts": 1, "edits": 0, "words": 100}
    assert by_year["2009"] == {"posts": 0, "edits": 0, "words": 0}
    assert by_year["2025"] == {"posts": 0, "edits": 1, "words": 7}
    assert by_year["2026"] == {"posts": 2, "edits": 2, "words": 540}


def test_by_month() -> None:
    by_month = report()["by_month"]
    assert next(iter(by_month)) == "2008-03"
    assert list(by_month)[-1] == "2026-11"
    assert len(by_month) == (2026 - 2008) * 12 + (11 - 3) + 1
    assert by_month["2025-01"] == {"posts": 0, "edits": 1, "words": 7}
    assert by_month["2026-11"] == {"posts": 2, "edits": 2, "words": 540}


@pytest.mark.parametrize(
    ("rules", "calendar_year", "start", "end"),
    [
        pytest.param(StreakRules(), None, "2025-12-01", "2026-11-29", id="monday-weeks"),
        pytest.param(
            StreakRules(week_start="sunday"), None, "2025-11-30", "2026-11-28", id="sunday"
        ),
        pytest.param(StreakRules(), 2025, "2025-01-01", "2025-12-31", id="calendar-year"),
    ],
)
def test_calendar_span(rules: StreakRules, calendar_year: int | None, start: str, end: str) -> None:
    calendar = report(rules=rules, calendar_year=calendar_year)["calendar"]
    assert (calendar["start"], calendar["end"]) == (start, end)
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    if calendar_year is None:
        assert (last - first).days + 1 == 52 * 7


def test_calendar_counts_publications_and_edits() -> None:
    activity = [*ACTIVITY, event("2026-11-20"), event("2025-11-30")]
    days = report(activity=activity)["calendar"]["days"]
    assert days == {"2026-11-10": 1, "2026-11-12": 1, "2026-11-20": 2, "2026-11-24": 1}
    assert report(calendar_year=2025)["calendar"]["days"] == {"2025-01-05": 1}


@pytest.mark.parametrize(
    ("cadence", "shown"),
    [
        pytest.param("day", ["day", "week"], id="day"),
        pytest.param("week", ["day", "week", "month"], id="week"),
        pytest.param("month", ["week", "month", "year"], id="month"),
        pytest.param("year", ["month", "year"], id="year"),
    ],
)
def test_cadences_show_the_neighbours(cadence: Cadence, shown: list[str]) -> None:
    cadences = report(rules=StreakRules(cadence=cadence))["cadences"]
    assert list(cadences) == shown
    for unit, streaks in cadences.items():
        assert streaks["current"]["unit"] == streaks["longest"]["unit"] == unit


def test_cadences_keep_the_configured_rules_for_their_own_cadence() -> None:
    shown = report(rules=StreakRules(per_period=2))
    assert shown["cadences"]["week"]["current"] == shown["streaks"]["current"]
    assert shown["streaks"]["current"]["status"] == "broken"
    # Neighbours ask for one publication a period: two in November make a month count.
    assert shown["cadences"]["month"]["current"]["status"] == "done"
    assert shown["cadences"]["day"]["longest"]["start"] == "2026-11-20"


def test_badges_without_a_streak() -> None:
    badges = report(today=date(2027, 3, 1))["badges"]
    assert badges == {"streak": "no streak", "est": "est. 2008", "footer": "est. 2008 ● no streak"}


def test_badges_without_posts() -> None:
    shown = report([], [])
    assert shown["badges"] == {"streak": "no streak", "est": None, "footer": "no streak"}
    assert shown["est"] is None
    assert shown["by_year"] == {} and shown["by_month"] == {}
    assert shown["consistency"] == 0


def test_badge_counts_years_from_the_streak_start() -> None:
    mondays = range(date(2023, 11, 20).toordinal(), date(2026, 11, 23).toordinal() + 1, 7)
    weekly = [post(date.fromordinal(monday).isoformat()) for monday in mondays]
    assert report(weekly, [])["badges"]["streak"] == "3y+ streak"


def test_scheduled_and_draft_posts_are_listed_not_counted() -> None:
    only = [post("2026-12-20", status="scheduled"), post(None, status="draft")]
    shown = report(only, [])
    assert shown["totals"]["posts"] == 0
    assert (shown["totals"]["drafts"], shown["totals"]["scheduled"]) == (1, 1)
    assert shown["streaks"]["current"]["status"] == "broken"


def test_a_published_post_dated_tomorrow_waits_for_its_day() -> None:
    shown = report([post("2026-11-26")], [])
    assert shown["totals"]["posts"] == 1
    assert shown["totals"]["last_post"] == "2026-11-26"
    assert shown["streaks"]["current"]["length"] == 0
    tomorrow = report([post("2026-11-26")], [], today=date(2026, 11, 26))
    assert tomorrow["streaks"]["current"]["status"] == "done"


def test_a_post_without_an_author_is_not_credited() -> None:
    assert report([post("2026-11-24", author=None)], [])["authors"] == {}


def test_records_are_frozen() -> None:
    record = post("2026-11-24")
    with pytest.raises(AttributeError):
        record.words = 5  # type: ignore[misc]


def test_goal_pace_and_rhythm_in_the_report() -> None:
    shown = report(goals=[("posts", 52), ("words", 1000)])

    # Day 329 of 2026: two posts and 540 words so far, 36 days left after today.
    assert shown["goal"] == {
        "year": 2026,
        "posts": {
            "target": 52,
            "done": 2,
            "on_pace_for": 2,
            "days_left": 36,
            "needed_per_week": 9.46,
            "reached": False,
        },
        "words": {
            "target": 1000,
            "done": 540,
            "on_pace_for": 599,
            "days_left": 36,
            "needed_per_week": 87.03,
            "reached": False,
        },
    }
    assert shown["rhythm"] == {
        "posts": 3,
        "first_post": "2008-03-14",
        "last_post": "2026-11-20",
        "every_days": 3412.5,
        "longest_gap": {"days": 6815, "after": "2008-03-14", "before": "2026-11-10"},
        "last_streak": {"length": 2, "unit": "week", "start": "2026-11-09", "end": "2026-11-22"},
        "silent_days": 5,
        "dormant": False,
    }
    assert report()["goal"] is None
    assert report([], [])["rhythm"] is None


def test_a_dormant_blog_shows_the_calendar_of_its_last_year() -> None:
    posts = [post("2014-06-02"), post("2015-03-10"), post("2015-09-01")]

    dormant = report(posts, [])
    asked = report(posts, [], calendar_year=2020)

    assert dormant["rhythm"]["dormant"] is True
    assert dormant["rhythm"]["silent_days"] == (TODAY - date(2015, 9, 1)).days
    assert (dormant["calendar"]["start"], dormant["calendar"]["end"]) == (
        "2015-01-01",
        "2015-12-31",
    )
    assert dormant["calendar"]["days"] == {"2015-03-10": 1, "2015-09-01": 1}
    assert (asked["calendar"]["start"], asked["calendar"]["days"]) == ("2020-01-01", {})
