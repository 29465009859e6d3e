"""A fast reader of the simple YAML most front matter is made of (SPEC 4).

Plain `key: value` lines, `- item` lists and `[a, b]` flow lists are read without PyYAML's
constructor, which is most of a scan's time on blogs whose front matter changes often.
Anything else, or any doubt, is left to PyYAML with `YamlLoader`; the two always agree.
"""

from __future__ import annotations

import functools
import re
from typing import Any

# How PyYAML's resolver types a plain scalar (yaml/resolver.py), for the texts this reader
# takes: a bool, null, or a number or other non-string it leaves to PyYAML. Kept here so that
# front matter of plain lines never imports PyYAML; tests hold the two to the same answers.
_BOOL = re.compile(r"yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF")
_NULL = re.compile(r"~|null|Null|NULL|")
_NOT_STR = re.compile(
    r"""[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN)
    |[-+]?0b[0-1_]+
    |[-+]?0[0-7_]+
    |[-+]?(?:0|[1-9][0-9_]*)
    |[-+]?0x[0-9a-fA-F_]+
    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+
    |<<
    |=
    |!|&|\*""",
    re.X,
)  # floats, ints, merge keys, `=` values, and what a plain scalar cannot start with


@functools.cache
def yaml_loader() -> Any:
    """Safe YAML that leaves timestamps as the text the author wrote (imports PyYAML)."""
    import yaml

    try:
        base: Any = yaml.CSafeLoader
    except AttributeError:  # PyYAML built without libyaml
        base = yaml.SafeLoader

    class YamlLoader(base):  # type: ignore[misc]
        pass

    YamlLoader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in base.yaml_implicit_resolvers.items()
    }
    return YamlLoader


def load_yaml(source: str) -> Any:
    """`source` read by PyYAML with `yaml_loader()`."""
    import yaml

    return yaml.load(source, Loader=yaml_loader())


_KEY_LINE = re.compile(r"([A-Za-z_][\w-]*):(?:[ ]+(.*?))?[ ]*")
_ITEM_LINE = re.compile(r"[ ]*-[ ]+(.*?)[ ]*")
_PLAIN = re.compile(r"[^-?:,\[\]{}#&*!|>'\"%@`\s](?:[^:#]|:(?! |$)|(?<! )#)*")
_FLOW_ITEM = re.compile(r"[^-?:,\[\]{}#&*!|>'\"%@`\s][^:#,\[\]{}'\"]*")


class _NotSimple(Exception):
    pass


def simple_yaml(source: str) -> dict[str, object] | None:
    """`source` read as PyYAML would, when it is only simple lines; None otherwise."""
    out: dict[str, object] = {}
    block: str | None = None  # the key whose `- item` lines may follow
    indent = -1  # the indentation of the block's first item; all of them must share it
    try:
        for line in source.split("\n"):
            if not line.strip() or line.startswith("#"):
                continue
            if block is not None:
                item = _ITEM_LINE.fullmatch(line)
                if item is not None:
                    items = out[block]
                    if items is None:
                        items = out[block] = []
                        indent = len(line) - len(line.lstrip(" "))
                    # An item indented otherwise continues the one before, or is an error:
                    # either way PyYAML's to read.
                    if len(line) - len(line.lstrip(" ")) != indent:
                        return None
                    assert isinstance(items, list)
                    items.append(_scalar(item.group(1)))
                    continue
            match = _KEY_LINE.fullmatch(line)
            if match is None:
                return None
            key, value = match.groups()
            if not _is_str_key(key):
                return None  # `on:`, `yes:`, `null:` are keys of other types to PyYAML
            if not value or value.startswith("#"):
                out[key], block = None, key
            else:
                out[key], block = _value(value), None
    except _NotSimple:
        return None
    return out or None


@functools.lru_cache(maxsize=1024)
def _is_str_key(key: str) -> bool:
    return not (_BOOL.fullmatch(key) or _NULL.fullmatch(key) or _NOT_STR.fullmatch(key))


def _value(text: str) -> object:
    if text.startswith("[") and text.endswith("]"):
        inner = text[1:-1].strip()
        if not inner:
            return []
        return [_scalar(part.strip(), flow=True) for part in inner.split(",")]
    return _scalar(text)


def _scalar(text: str, flow: bool = False) -> object:
    if " #" in text:
        text = text.split(" #", 1)[0].rstrip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        inner = text[1:-1]
        if text[0] in inner or "\\" in inner or "\n" in inner:
            raise _NotSimple
        return inner
    if not (_FLOW_ITEM if flow else _PLAIN).fullmatch(text):
        raise _NotSimple
    if _BOOL.fullmatch(text):
        return text.lower() in ("yes", "true", "on")
    if _NULL.fullmatch(text):
        return None
    if _NOT_STR.fullmatch(text):
        raise _NotSimple
    return text
