"""Build a synthetic Hugo-style writing repository for the benchmark.

The whole history is written as one `git fast-import` stream, so the default repository
(20,000 commits, 3,000 posts) takes seconds. The result depends only on the options: the
same seed gives the same commits, byte for byte, on any machine and at any time.

    python bench/generate.py OUT_DIR [--commits 20000] [--posts 3000] [--years 15] [--seed 1]
    python bench/generate.py OUT_DIR --small        # 8,000 commits / 1,200 posts
    python bench/generate.py OUT_DIR --lean         # posts only: cheap work for git

What the history holds, so that the scanner meets what real blogs contain:
YAML and TOML front matter, drafts flipped to published (some moved in from `drafts/`),
prose bodies with fenced code blocks, small paragraph edits, renames (slug changes and
moves between folders), deletions and a delete + re-add, side branches merged with a
second parent, one import of backdated posts, bulk commits touching 50+ posts,
dependabot commits on non-post files, five committer timezones, `.mailmap` name variants,
paths with spaces and non-ASCII characters, CJK posts, and non-post files (README, config,
images, `_index.md`).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

END = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)
SMALL = {"commits": 8000, "posts": 1200}

# The owner moves around: each era of the history has a home offset, and some commits
# are made while travelling.
ERA_ZONES = ("+0100", "+0000", "-0500", "+0530", "+0100", "+0900", "-0500", "+0000")
ZONES = ("+0000", "-0500", "+0530", "+0100", "+0900")

OWNER = ("Ada Lovelace", "ada@example.org")
OWNER_VARIANTS = (("ada", "ada@old-laptop.local"), ("Ada L.", "ada@example.org"))
GUEST = ("Grace Hopper", "grace@example.net")
BOT = ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com")
GITHUB = ("GitHub", "noreply@github.com")

MAILMAP = """\
Ada Lovelace <ada@example.org> <ada@old-laptop.local>
Ada Lovelace <ada@example.org> Ada L. <ada@example.org>
"""

_WORD_TEXT = """
the a of and to in is it that for on with as was at by this be from or an are not have
but had they you which one we all there their been were when more can will if has would
what so about up out them some could into than other then its only two time these may
first any new like our over also back after use how most well way even because good
each those people through just very make see where year work still long here around
write writing draft post blog note notes reader words page idea ideas thought morning
evening weekend library function module test tests testing editor terminal shell config
python rust golang vim emacs git commit branch merge rebase history streak habit coffee
tea garden bicycle train city river mountain winter summer spring autumn book books paper
garden kitchen bread recipe music piano guitar sketch camera photo light shadow window
desk chair lamp quiet noisy small large simple careful honest patient curious slow quick
bright dark warm cold early late often rarely always never almost nearly perhaps maybe
learned wrote read tried fixed broke found lost kept moved started finished changed built
shipped deployed measured counted noticed remembered forgot wondered explained described
database query index cache server client request response latency memory process thread
queue worker schedule deadline meeting review feedback question answer problem solution
"""
WORDS = _WORD_TEXT.split()

ACCENTED = ("café", "naïve", "résumé", "über", "jalapeño", "smörgåsbord", "façade", "crème")
CJK = (
    "日本語の文章を書くことは楽しいです今日は天気がいいので散歩に行きました"
    "读书写作学习编程思考记录生活工作旅行咖啡早晨夜晚城市河流山峰春夏秋冬"
    "한국어로글을쓰는것도좋습니다오늘은날씨가맑아서산책을했습니다"
)
TAGS = (
    "python", "writing", "git", "vim", "rust", "golang", "til", "books", "travel",
    "productivity", "linux", "databases", "sqlite", "testing", "devops", "photography",
    "cooking", "music", "career", "meta", "hugo", "javascript", "css", "security",
    "performance", "emacs", "shell", "networking", "design", "notes",
)  # fmt: skip
TOPICS = ("python", "git", "shell", "sql", "rust", "vim", "css")
LANGS = ("python", "go", "bash", "rust", "javascript", "sql", "toml")


def quote_path(path: str) -> bytes:
    """A path in fast-import's C-style quoting: spaces and UTF-8 pass through."""
    escaped = path.replace("\\", "\\\\").replace('"', '\\"')
    return b'"' + escaped.encode() + b'"'


def data(payload: bytes) -> bytes:
    return b"data %d\n" % len(payload) + payload + b"\n"


@dataclass
class Post:
    path: str
    title: str
    when: datetime  # declared date, in the writer's local offset
    date_style: str  # "full" | "day" | "local"
    tags: list[str]
    toml: bool
    draft: bool
    draft_line: bool  # an explicit `draft: false` once flipped
    cjk: bool
    flow_tags: bool
    blocks: list[str] = field(default_factory=list)
    pinned: bool = False  # keeps its path, so the tip has a known non-ASCII path

    def render(self) -> bytes:
        title = self.title.replace("\\", "\\\\").replace('"', '\\"')
        if self.date_style == "day":
            date = self.when.strftime("%Y-%m-%d")
        elif self.date_style == "local":
            date = self.when.strftime("%Y-%m-%dT%H:%M:00" if self.toml else "%Y-%m-%d %H:%M")
        else:
            date = self.when.isoformat()
        if self.toml:
            lines = ["+++", f'title = "{title}"', f"date = {date}"]
            lines.append("tags = [" + ", ".join(f'"{t}"' for t in self.tags) + "]")
            if self.draft or self.draft_line:
                lines.append(f"draft = {'true' if self.draft else 'false'}")
            lines.append("+++")
        else:
            lines = ["---", f'title: "{title}"', f"date: {date}"]
            if self.flow_tags:
                lines.append("tags: [" + ", ".join(self.tags) + "]")
            elif self.tags:
                lines.append("tags:")
                lines.extend(f"  - {t}" for t in self.tags)
            if self.draft or self.draft_line:
                lines.append(f"draft: {'true' if self.draft else 'false'}")
            lines.append("---")
        return ("\n".join(lines) + "\n\n" + "\n\n".join(self.blocks) + "\n").encode()


@dataclass
class Episode:
    """A side branch: a few commits, then merged into main with a second parent."""

    name: str
    commits: list[list[tuple[str, Post | None, str]]]  # per commit: (op, post, old path)
    new_posts: list[Post] = field(default_factory=list)
    locked: list[Post] = field(default_factory=list)
    moves: dict[int, str] = field(default_factory=dict)  # id(post) -> path before the move
    mark: int = 0


class Generator:
    def __init__(self, commits: int, posts: int, years: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.n_commits = commits
        self.n_posts = posts
        self.out: list[bytes] = []
        self.size = 0
        self.blob_bytes = 0
        self.mark = 0
        self.main_mark = 0
        self.posts: list[Post] = []  # live posts on main, oldest first
        self.drafts: list[Post] = []
        self.locked: set[int] = set()  # id() of posts a side branch is working on
        self.paths: set[str] = set()
        self.readd: list[tuple[int, Post]] = []  # (earliest step, post) deleted to re-add
        self.created = 0
        self.counter = 0
        self.scheduled = False
        self.times = self._times(commits, years)
        self.sentences = [self._sentence() for _ in range(4000)]
        self.cjk_sentences = [self._cjk_sentence() for _ in range(600)]
        self.code = [self._code_block() for _ in range(300)]
        self.versions = {"hugo": 80, "action": 3, "postcss": 10}

    # -- text ---------------------------------------------------------------------------

    def _sentence(self) -> str:
        words = self.rng.choices(WORDS, k=self.rng.randint(6, 20))
        if len(words) > 9 and self.rng.random() < 0.4:
            words[self.rng.randint(3, len(words) - 4)] += ","
        return " ".join(words).capitalize() + self.rng.choice(".....?!")

    def _cjk_sentence(self) -> str:
        return "".join(self.rng.choices(CJK, k=self.rng.randint(12, 40))) + "。"

    def _code_block(self) -> str:
        rng = self.rng
        lang = rng.choice(LANGS)
        names = rng.sample(WORDS[200:], 4)
        body = [
            f"{names[0]}_{i} = {names[1]}({names[2]!r}, {rng.randint(0, 999)})  # {names[3]}"
            for i in range(rng.randint(3, 14))
        ]
        return f"```{lang}\n" + "\n".join(body) + "\n```"

    def paragraph(self, cjk: bool) -> str:
        if cjk:
            return "".join(self.rng.choices(self.cjk_sentences, k=self.rng.randint(2, 6)))
        return " ".join(self.rng.choices(self.sentences, k=self.rng.randint(3, 6)))

    def body(self, cjk: bool) -> list[str]:
        rng = self.rng
        blocks = [self.paragraph(cjk) for _ in range(rng.randint(5, 12))]
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
            blocks.insert(rng.randint(1, len(blocks)), rng.choice(self.code))
        if not cjk and rng.random() < 0.5:
            heading = " ".join(rng.choices(WORDS, k=3)).capitalize()
            blocks.insert(rng.randint(2, len(blocks)), f"## {heading}")
        return blocks

    def title(self, cjk: bool) -> str:
        if cjk:
            return "".join(self.rng.choices(CJK, k=self.rng.randint(5, 12)))
        words = self.rng.choices(WORDS, k=self.rng.randint(3, 8))
        title = " ".join(words).capitalize()
        if self.rng.random() < 0.1:
            title = self.rng.choice(("Vim", "Git", "TIL", "Notes")) + ": " + title
        return title

    # -- time ---------------------------------------------------------------------------

    def _times(self, n: int, years: int) -> list[int]:
        """Commit instants, strictly increasing, spread over the years before END."""
        rng = self.rng
        gaps = []
        for _ in range(n):
            gap = rng.expovariate(1.0)
            if rng.random() < 0.01:
                gap *= 40  # a quiet month now and then
            gaps.append(gap)
        span = years * 365.2425 * 86400
        end = int(END.timestamp())
        scale = span / sum(gaps)
        times, acc = [], 0.0
        for gap in reversed(gaps):
            times.append(end - int(acc))
            acc += gap * scale
        times.reverse()
        for i in range(1, n):
            times[i] = max(times[i], times[i - 1] + 1)
        return times

    def zone(self, step: int) -> str:
        if self.rng.random() < 0.15:
            return self.rng.choice(ZONES)
        return ERA_ZONES[step * len(ERA_ZONES) // self.n_commits]

    @staticmethod
    def local(epoch: int, tz: str) -> datetime:
        minutes = int(tz[1:3]) * 60 + int(tz[3:5])
        offset = timedelta(minutes=-minutes if tz[0] == "-" else minutes)
        return datetime.fromtimestamp(epoch, timezone(offset))

    # -- stream -------------------------------------------------------------------------

    def emit(self, chunk: bytes) -> None:
        self.out.append(chunk)
        self.size += len(chunk)

    def commit(
        self,
        ref: str,
        step: int,
        tz: str,
        message: str,
        changes: list[tuple[str, bytes | None]],
        *,
        author: tuple[str, str] = OWNER,
        committer: tuple[str, str] = OWNER,
        parent: int = 0,
        merge: int = 0,
    ) -> int:
        self.mark += 1
        when = self.times[step]
        head = [
            f"commit {ref}",
            f"mark :{self.mark}",
            f"author {author[0]} <{author[1]}> {when} {tz}",
            f"committer {committer[0]} <{committer[1]}> {when} {tz}",
        ]
        self.emit(("\n".join(head) + "\n").encode() + data(message.encode() + b"\n"))
        if parent:
            self.emit(b"from :%d\n" % parent)
        if merge:
            self.emit(b"merge :%d\n" % merge)
        for path, content in changes:
            if content is None:
                self.emit(b"D " + quote_path(path) + b"\n")
            else:
                self.emit(b"M 100644 inline " + quote_path(path) + b"\n" + data(content))
                self.blob_bytes += len(content) if path.endswith(".md") else 0
        self.emit(b"\n")
        if ref == "refs/heads/main":
            self.main_mark = self.mark
        return self.mark

    def owner(self) -> tuple[str, str]:
        return self.rng.choice(OWNER_VARIANTS) if self.rng.random() < 0.08 else OWNER

    # -- posts --------------------------------------------------------------------------

    def slug(self, title: str, cjk: bool) -> str:
        rng = self.rng
        if cjk:
            return title if rng.random() < 0.5 else f"post-{self.created}"
        if rng.random() < 0.02:
            words = rng.sample(WORDS, 2)
            return f"{rng.choice(ACCENTED)} {' '.join(words)}"
        words = [w.strip(",.:") for w in title.lower().split()[:6]]
        return "-".join(w for w in words if w.isalnum()) or f"post-{self.created}"

    def free(self, path: str) -> str:
        stem, _, ext = path.rpartition(".")
        n = 2
        while path in self.paths:
            path = f"{stem}-{n}.{ext}"
            n += 1
        return path

    def place(self, slug: str, when: datetime, draft: bool) -> str:
        rng = self.rng
        if draft and rng.random() < 0.3:
            return self.free(f"drafts/{slug}.md")
        roll = rng.random()
        if roll < 0.6:
            path = f"content/posts/{when.year}/{slug}.md"
        elif roll < 0.75:
            path = f"content/posts/{slug}.md"
        elif roll < 0.83:
            prefix = when.strftime("%Y-%m-%d-") if rng.random() < 0.5 else ""
            path = f"content/posts/{prefix}{slug}/index.md"
        elif roll < 0.93:
            path = f"content/notes/{slug}.md"
        else:
            path = f"content/til/{rng.choice(TOPICS)}/{slug}.md"
        return self.free(path)

    def tags(self) -> list[str]:
        k = self.rng.choice((0, 1, 1, 2, 2, 2, 3, 3, 4))
        weights = [1 / (i + 1) for i in range(len(TAGS))]
        picked: list[str] = []
        for tag in self.rng.choices(TAGS, weights, k=k):
            if tag not in picked:
                picked.append(tag)
        return picked

    def new_post(self, step: int, tz: str, *, draft: bool = False) -> Post:
        rng = self.rng
        self.created += 1
        cjk = rng.random() < 0.04
        title = self.title(cjk)
        when = self.local(self.times[step], tz) - timedelta(hours=rng.choice((0, 0, 0, 5, 30)))
        if not self.scheduled and step >= self.n_commits - 60:
            self.scheduled = True
            when = when.replace(year=2027, month=1, day=5)
        style = rng.choices(("full", "day", "local"), (55, 35, 10))[0]
        if self.created == 5:
            title, path = "Café notes", self.free("content/posts/café notes.md")
        else:
            path = self.place(self.slug(title, cjk), when, draft)
        post = Post(
            path=path,
            title=title,
            when=when,
            date_style=style,
            tags=self.tags(),
            toml=rng.random() < 0.1,
            draft=draft,
            draft_line=False,
            cjk=cjk,
            flow_tags=rng.random() < 0.5,
            blocks=self.body(cjk),
            pinned=self.created == 5,
        )
        self.paths.add(post.path)
        return post

    def edit(self, post: Post) -> None:
        """A small change: one paragraph rewritten, added or dropped, or a sentence."""
        rng = self.rng
        blocks = post.blocks
        prose = [i for i, b in enumerate(blocks) if not b.startswith(("```", "#"))]
        roll = rng.random()
        if roll < 0.45 and prose:
            blocks[rng.choice(prose)] = self.paragraph(post.cjk)
        elif roll < 0.7 and prose:
            i = rng.choice(prose)
            if post.cjk:
                blocks[i] = blocks[i] + rng.choice(self.cjk_sentences)
            else:
                parts = blocks[i].split(". ")
                parts[rng.randrange(len(parts))] = rng.choice(self.sentences).rstrip(".?!")
                blocks[i] = ". ".join(parts)
        elif roll < 0.8:
            blocks.insert(rng.randint(1, len(blocks)), self.paragraph(post.cjk))
        elif roll < 0.9 and len(prose) > 4:
            del blocks[rng.choice(prose)]
        elif roll < 0.95:
            blocks.append("Update: " + self.paragraph(post.cjk))
        else:
            code = [i for i, b in enumerate(blocks) if b.startswith("```")]
            if code:
                blocks[rng.choice(code)] = rng.choice(self.code)
            else:
                blocks.append(rng.choice(self.code))
        if rng.random() < 0.08:
            if post.tags and rng.random() < 0.5:
                post.tags.pop(rng.randrange(len(post.tags)))
            else:
                tag = rng.choice(TAGS)
                if tag not in post.tags:
                    post.tags.append(tag)

    def pick(self, recent: bool = True) -> Post | None:
        """A live post nobody else is working on, mostly a recent one."""
        rng = self.rng
        for _ in range(8):
            if not self.posts:
                return None
            if recent and rng.random() < 0.7:
                post = self.posts[-rng.randint(1, min(30, len(self.posts)))]
            else:
                post = rng.choice(self.posts)
            if id(post) not in self.locked:
                return post
        return None

    def move(self, post: Post, folder: str | None = None) -> str:
        """Give a post a new path (new folder or slug); returns the old path."""
        rng = self.rng
        old = post.path
        if old.endswith("/index.md"):
            parent = old[: -len("/index.md")]
            new = self.free(f"{parent}-{rng.choice(WORDS[200:])}/index.md")
        elif folder is not None:
            new = self.free(f"{folder}/{old.rsplit('/', 1)[1]}")
        else:
            directory, name = old.rsplit("/", 1)
            new = f"content/posts/{post.when.year}/{name}"
            if new == old or rng.random() < 0.5:
                sep = " " if " " in name else "-"
                words = name[:-3].split(sep)
                words[rng.randrange(len(words))] = rng.choice(WORDS[200:])
                new = f"{directory}/{sep.join(words)}.md"
            new = self.free(new)
        self.paths.discard(old)
        self.paths.add(new)
        post.path = new
        return old

    # -- main-line commits --------------------------------------------------------------

    def do_init(self, step: int) -> None:
        files = {
            "README.md": b"# My blog\n\nSource of my blog, built with Hugo.\n",
            "config.toml": self.config(),
            ".mailmap": MAILMAP.encode(),
            "archetypes/default.md": b'---\ntitle: "{{ .Name }}"\ndraft: true\n---\n',
            "content/posts/_index.md": b"---\ntitle: Posts\n---\n",
            "content/notes/_index.md": b"---\ntitle: Notes\n---\n",
            "content/_index.md": b"---\ntitle: Home\n---\n\nHello.\n",
            "static/images/logo.png": self.image(),
            "package.json": self.package(),
            ".github/workflows/deploy.yml": self.workflow(),
        }
        self.commit("refs/heads/main", step, self.zone(step), "Initial commit", list(files.items()))

    def config(self) -> bytes:
        self.counter += 1
        return (
            'baseURL = "https://ada.example.org/"\nlanguageCode = "en-us"\n'
            f'title = "Ada writes"\ntheme = "paper"\npaginate = {5 + self.counter % 20}\n'
            f'[params]\ndescription = "Notes, version {self.counter}"\n'
        ).encode()

    def package(self) -> bytes:
        v = self.versions
        return (
            '{\n  "name": "blog",\n  "private": true,\n  "devDependencies": {\n'
            f'    "postcss": "^8.{v["postcss"]}.0",\n    "autoprefixer": "^10.4.{v["action"]}"\n'
            "  }\n}\n"
        ).encode()

    def workflow(self) -> bytes:
        v = self.versions
        return (
            "name: deploy\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n"
            f"    steps:\n      - uses: actions/checkout@v{v['action']}\n"
            f"      - uses: peaceiris/actions-hugo@v2\n        with:\n"
            f"          hugo-version: '0.{v['hugo']}.0'\n"
        ).encode()

    def image(self) -> bytes:
        n = self.rng.randint(1000, 12000)
        return b"\x89PNG\r\n\x1a\n" + self.rng.randbytes(n)

    def do_new(self, step: int) -> None:
        tz = self.zone(step)
        draft = self.rng.random() < 0.1
        post = self.new_post(step, tz, draft=draft)
        if not draft:
            self.posts.append(post)
        elif self.rng.random() < 0.8:  # the rest stay drafts for good
            self.drafts.append(post)
        changes: list[tuple[str, bytes | None]] = [(post.path, post.render())]
        if post.path.endswith("/index.md") and self.rng.random() < 0.5:
            changes.append((post.path[:-8] + "cover.png", self.image()))
        verb = "Draft" if draft else "Add post"
        author = GUEST if self.rng.random() < 0.04 else self.owner()
        self.commit("refs/heads/main", step, tz, f"{verb}: {post.title}", changes, author=author)

    def do_edit(self, step: int) -> None:
        rng = self.rng
        tz = self.zone(step)
        roll = rng.random()
        readd = [r for r in self.readd if r[0] <= step]
        if readd:
            self.readd.remove(readd[0])
            post = readd[0][1]
            self.move(post, "content/posts")
            self.posts.append(post)
            self.commit("refs/heads/main", step, tz, f"Restore {post.title}", self.put(post))
            return
        post = self.pick()
        if post is not None and post.pinned and roll >= 0.68:
            roll = 0.0
        if post is None or roll >= 0.92:
            self.do_other(step, tz)
            return
        if roll < 0.66:
            self.edit(post)
            msg = f"Edit {post.title}"
            changes = self.put(post)
        elif roll < 0.68 and self.drafts:
            draft = self.drafts.pop(0)
            draft.draft = False
            draft.draft_line = rng.random() < 0.5
            draft.when = self.local(self.times[step], tz)
            old = draft.path
            changes = []
            if old.startswith("drafts/"):
                self.move(draft, f"content/posts/{draft.when.year}")
                changes.append((old, None))
            self.edit(draft)
            changes += self.put(draft)
            self.posts.append(draft)
            msg = f"Publish {draft.title}"
        elif roll < 0.77:
            old = self.move(post)
            if rng.random() < 0.5:
                self.edit(post)
            changes = [(old, None), *self.put(post)]
            msg = f"Rename {old} -> {post.path}"
        elif roll < 0.81:
            folder = rng.choice(("content/notes", "content/posts", f"content/til/{TOPICS[0]}"))
            old = self.move(post, folder)
            changes = [(old, None), *self.put(post)]
            msg = f"Move {post.title} to {folder}"
        elif roll < 0.825:
            self.posts.remove(post)
            self.paths.discard(post.path)
            changes = [(post.path, None)]
            msg = f"Remove {post.title}"
            if rng.random() < 0.25:
                self.readd.append((step + rng.randint(10, 200), post))
        elif roll < 0.83:
            post.draft = True
            self.posts.remove(post)
            self.drafts.append(post)
            changes = self.put(post)
            msg = f"Unpublish {post.title} for now"
        else:
            touched: list[Post] = []
            for _ in range(rng.randint(2, 5)):
                other = self.pick(recent=False)
                if other is not None and other not in touched:
                    self.edit(other)
                    touched.append(other)
            changes = [c for p in touched for c in self.put(p)]
            msg = "Fix typos"
        self.commit("refs/heads/main", step, tz, msg, changes, author=self.owner())

    @staticmethod
    def put(post: Post) -> list[tuple[str, bytes | None]]:
        return [(post.path, post.render())]

    def do_other(self, step: int, tz: str) -> None:
        rng = self.rng
        roll = rng.random()
        if roll < 0.3:
            path, content, msg = "config.toml", self.config(), "Tweak config"
        elif roll < 0.5:
            self.counter += 1
            path, msg = "README.md", "Update README"
            content = f"# My blog\n\nSource of my blog, built with Hugo. ({self.counter})\n"
            content = content.encode()
        elif roll < 0.8:
            path, content, msg = f"static/images/img-{step}.png", self.image(), "Add image"
        else:
            self.counter += 1
            folder = rng.choice(("content/posts", "content/notes"))
            path, msg = f"{folder}/_index.md", "Update section intro"
            content = f"---\ntitle: Section\n---\n\n{self.paragraph(False)}\n".encode()
        self.commit("refs/heads/main", step, tz, msg, [(path, content)])

    def do_bot(self, step: int) -> None:
        rng = self.rng
        key = rng.choice(("hugo", "action", "postcss"))
        self.versions[key] += 1
        if key == "postcss":
            path, content = "package.json", self.package()
        else:
            path, content = ".github/workflows/deploy.yml", self.workflow()
        msg = f"Bump {key} to {self.versions[key]}\n\nSigned-off-by: {BOT[0]} <{BOT[1]}>"
        changes: list[tuple[str, bytes | None]] = [(path, content)]
        self.commit("refs/heads/main", step, "+0000", msg, changes, author=BOT, committer=GITHUB)

    def do_import(self, step: int, count: int) -> None:
        """Posts brought over from an old blog in one commit, dated years back."""
        rng = self.rng
        start = self.times[step] - 12 * 365 * 86400
        dates = sorted(rng.randint(start, self.times[step] - 365 * 86400) for _ in range(count))
        changes: list[tuple[str, bytes | None]] = []
        for epoch in dates:
            self.created += 1
            title = self.title(False)
            when = self.local(epoch, "+0000")
            path = self.free(f"content/posts/{when.year}/{self.slug(title, False)}.md")
            tags = [t.capitalize() for t in self.tags()]
            post = Post(path, title, when, "full", tags, False, False, False, False, False)
            post.blocks = self.body(False)
            self.paths.add(path)
            self.posts.append(post)
            changes.append((path, post.render()))
        msg = f"Import {count} posts from the old WordPress blog"
        self.commit("refs/heads/main", step, self.zone(step), msg, changes)

    def do_bulk(self, step: int, kind: int) -> None:
        """One commit touching 50+ posts: a tag rename, a folder reorganisation."""
        rng = self.rng
        counts: dict[str, int] = {}
        for post in self.posts:
            for tag in post.tags:
                counts[tag] = counts.get(tag, 0) + 1
        free = [p for p in self.posts if id(p) not in self.locked]
        changes: list[tuple[str, bytes | None]] = []
        rootless = [
            p
            for p in free
            if p.path.count("/") == 2 and p.path.startswith("content/po") and not p.pinned
        ]
        if kind % 2 == 1 and len(rootless) >= 50:
            for post in rootless:
                old = self.move(post, f"content/posts/{post.when.year}")
                changes += [(old, None), *self.put(post)]
            msg = f"Reorganise {len(rootless)} posts into year folders"
        else:
            tag = max(counts, key=lambda t: (counts[t], t)) if counts else "notes"
            new = f"{tag}-lang" if "-" not in tag else tag.split("-")[0]
            touched = [p for p in free if tag in p.tags]
            others = [p for p in free if tag not in p.tags]
            touched += rng.sample(others, max(0, min(len(others), 60 - len(touched))))
            for post in touched:
                post.tags = [new if t == tag else t for t in post.tags]
                if new not in post.tags:
                    post.tags.append(new)
                changes += self.put(post)
            msg = f"Rename tag {tag} -> {new} ({len(touched)} posts)"
        self.commit("refs/heads/main", step, self.zone(step), msg, changes)

    # -- side branches ------------------------------------------------------------------

    def plan_episode(self, n: int) -> Episode:
        """Side-branch work: new posts, maybe an edit or a two-commit move of a post."""
        rng = self.rng
        ops: list[list[tuple[str, Post | None, str]]] = []
        episode = Episode(name=f"refs/heads/draft/{n:04d}", commits=ops)
        for _ in range(rng.randint(1, 3)):
            ops.append([("new", None, "")])
        if ops and rng.random() < 0.5:
            ops.insert(rng.randint(1, len(ops)), [("edit-new", None, "")])
        post = self.pick(recent=False)
        if post is not None and not post.pinned and rng.random() < 0.3:
            self.locked.add(id(post))
            episode.locked.append(post)
            ops.insert(rng.randint(0, len(ops)), [("delete", post, "")])
            ops.append([("readd", post, "")])
        post = self.pick(recent=False)
        if post is not None and rng.random() < 0.3:
            self.locked.add(id(post))
            episode.locked.append(post)
            ops.insert(rng.randint(0, len(ops)), [("edit", post, "")])
        return episode

    def do_side(self, episode: Episode, step: int) -> None:
        rng = self.rng
        tz = self.zone(step)
        changes: list[tuple[str, bytes | None]] = []
        msgs = []
        for op, post, _ in episode.commits.pop(0):
            if op == "new":
                post = self.new_post(step, tz)
                episode.new_posts.append(post)
                changes += self.put(post)
                msgs.append(f"Draft {post.title}")
            elif op == "edit-new" and episode.new_posts:
                post = rng.choice(episode.new_posts)
                self.edit(post)
                changes += self.put(post)
                msgs.append(f"Rework {post.title}")
            elif op == "edit" and post is not None:
                self.edit(post)
                changes += self.put(post)
                msgs.append(f"Revise {post.title}")
            elif op == "delete" and post is not None:
                changes.append((post.path, None))
                msgs.append(f"Remove {post.title}")
            elif op == "readd" and post is not None:
                episode.moves[id(post)] = self.move(post)
                changes += self.put(post)
                msgs.append(f"Add {post.title} back under a new name")
        if not changes:
            changes = [(f"static/images/side-{step}.png", self.image())]
            msgs.append("Add image")
        parent = 0 if episode.mark else self.main_mark
        episode.mark = self.commit(
            episode.name, step, tz, "; ".join(msgs), changes, author=self.owner(), parent=parent
        )

    def do_merge(self, episode: Episode, step: int) -> None:
        changes: list[tuple[str, bytes | None]] = []
        for post in episode.locked:
            self.locked.discard(id(post))
            if id(post) in episode.moves:
                changes.append((episode.moves[id(post)], None))
            changes += self.put(post)
        for post in episode.new_posts:
            changes += self.put(post)
            self.posts.append(post)
        msg = f"Merge branch '{episode.name.removeprefix('refs/heads/')}'"
        self.commit("refs/heads/main", step, self.zone(step), msg, changes, merge=episode.mark)

    # -- the whole history --------------------------------------------------------------

    def plan(self) -> list[tuple[str, int]]:
        """Main-line actions in order; a side branch takes its extra steps as it runs."""
        rng = self.rng
        n = self.n_commits
        episodes = n // 250
        side_steps = [rng.randint(2, 4) for _ in range(episodes)]
        side_posts = 2 * episodes
        imported = max(10, round(self.n_posts * 200 / 3000))
        bulks = max(2, n // 4000)
        bots = n // 25
        slots = n - 1 - 1 - bulks - bots - sum(side_steps)
        new = max(0, self.n_posts - imported - side_posts)
        # New posts get more of the slots the fewer there are: about 1 in 5 commits.
        tokens = [("new", 0)] * new + [("edit", 0)] * (slots - new - episodes)
        tokens += [("bot", 0)] * bots
        rng.shuffle(tokens)
        for i, k in enumerate(side_steps):
            at = rng.randint(len(tokens) // 20, len(tokens) * 9 // 10)
            tokens.insert(at, ("episode", k * 1000 + i))
        for kind in range(bulks):
            tokens.insert(rng.randint(len(tokens) * 3 // 10, len(tokens) - 1), ("bulk", kind))
        tokens.insert(len(tokens) // 4, ("import", imported))
        return [("init", 0), *tokens]

    def run(self, sink: subprocess.Popen[bytes]) -> None:
        assert sink.stdin is not None
        tokens = self.plan()
        self.emit(b"feature done\n")
        step = 0
        active: Episode | None = None
        episode_no = 0
        while tokens or active:
            if active is not None and not active.commits:
                self.do_merge(active, step)
                active = None
            elif active is not None and (not tokens or self.rng.random() < 0.5):
                self.do_side(active, step)
            else:
                index = 0
                if active is not None:
                    while index < len(tokens) and tokens[index][0] == "episode":
                        index += 1
                    if index == len(tokens):
                        self.do_side(active, step)
                        step += 1
                        continue
                kind, arg = tokens.pop(index)
                if kind == "init":
                    self.do_init(step)
                elif kind == "new":
                    self.do_new(step)
                elif kind == "edit":
                    self.do_edit(step)
                elif kind == "bot":
                    self.do_bot(step)
                elif kind == "import":
                    self.do_import(step, arg)
                elif kind == "bulk":
                    self.do_bulk(step, arg)
                else:
                    active = self.plan_episode(episode_no)
                    episode_no += 1
                    wanted = arg // 1000
                    while len(active.commits) > wanted:
                        active.commits[-2].extend(active.commits.pop())
                    while len(active.commits) < wanted:
                        active.commits.insert(0, [("edit-new", None, "")])
                    self.do_side(active, step)
            step += 1
            if self.size > 1 << 20:
                sink.stdin.write(b"".join(self.out))
                self.out.clear()
                self.size = 0
        if step != self.n_commits:
            raise SystemExit(f"internal error: planned {self.n_commits} commits, wrote {step}")
        self.emit(b"done\n")
        sink.stdin.write(b"".join(self.out))
        sink.stdin.close()


class LeanGenerator(Generator):
    """Posts only, in year folders: git's share of a scan (small trees, no merges) is cheap.

    Every commit after the first adds a post or edits a recent one, so the scan's own work
    is what a benchmark of this repository measures.
    """

    def place(self, slug: str, when: datetime, draft: bool) -> str:
        return self.free(f"content/posts/{when.year}/{slug}.md")

    def run(self, sink: subprocess.Popen[bytes]) -> None:
        assert sink.stdin is not None
        self.emit(b"feature done\n")
        self.commit(
            "refs/heads/main", 0, self.zone(0), "Initial commit", [("config.toml", self.config())]
        )
        to_add = self.n_posts
        for step in range(1, self.n_commits):
            tz = self.zone(step)
            adds = to_add > 0 and self.rng.random() < to_add / (self.n_commits - step)
            post = None if adds else self.pick()
            if post is None:
                post = self.new_post(step, tz)
                self.posts.append(post)
                to_add = max(0, to_add - 1)
                msg = f"Add post: {post.title}"
            else:
                self.edit(post)
                msg = f"Edit {post.title}"
            self.commit("refs/heads/main", step, tz, msg, self.put(post), author=self.owner())
            if self.size > 1 << 20:
                sink.stdin.write(b"".join(self.out))
                self.out.clear()
                self.size = 0
        self.emit(b"done\n")
        sink.stdin.write(b"".join(self.out))
        sink.stdin.close()


def generate(
    out: Path, commits: int, posts: int, years: int, seed: int, lean: bool = False
) -> Generator:
    """Create the repository at `out` (which must not exist yet or be empty)."""
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out} exists and is not empty")
    out.mkdir(parents=True, exist_ok=True)
    git = ["git", "-C", str(out)]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    gen = (LeanGenerator if lean else Generator)(commits, posts, years, seed)
    with subprocess.Popen([*git, "fast-import", "--quiet"], stdin=subprocess.PIPE) as proc:
        gen.run(proc)
    if proc.returncode != 0:
        raise SystemExit(f"git fast-import failed with exit code {proc.returncode}")
    subprocess.run([*git, "reset", "-q", "--hard"], check=True)
    return gen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to create the repository in")
    parser.add_argument("--commits", type=int, default=20000)
    parser.add_argument("--posts", type=int, default=3000)
    parser.add_argument("--years", type=int, default=15)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--small", action="store_true", help="8,000 commits and 1,200 posts")
    parser.add_argument(
        "--lean", action="store_true", help="posts only: each commit adds or edits one post"
    )
    args = parser.parse_args(argv)
    if args.small:
        args.commits, args.posts = SMALL["commits"], SMALL["posts"]
    if args.commits < 500 or args.posts < 50:
        parser.error("use at least 500 commits and 50 posts")
    started = time.perf_counter()
    gen = generate(args.out, args.commits, args.posts, args.years, args.seed, args.lean)
    elapsed = time.perf_counter() - started
    print(
        f"{args.out}: {args.commits} commits, {gen.created} posts, "
        f"{gen.blob_bytes / 1e6:.1f} MB of Markdown versions, {elapsed:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
