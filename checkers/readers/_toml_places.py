"""Where each table and key of a TOML file stands: its line, for error messages.

TOML says ``[[claim]]``, ``[[ 'claim' ]]``, ``[["claim"]]`` and ``claim = [{...}]`` are the same
data, so the loader reads the parsed data and asks here only for lines. A small scanner walks
the text (strings, comments and brackets aware) and lets ``tomllib`` itself read every header and
key, so spacing and quoting cannot fool it. Places are keyed by the path into the parsed data,
array elements by their index: ``("claim", 1, "wrt")`` is the ``wrt`` of the second claim.
A scan that does not agree with the parsed data gives no places at all: no line is better than
a wrong one.
"""

from __future__ import annotations

import bisect
import tomllib
from typing import Any

Path_ = tuple[Any, ...]


def places(text: str, data: dict) -> dict[Path_, int]:
    """Path into ``data`` -> 1-based line where it is declared (empty if the scan is unsure)."""
    try:
        found = _Scanner(text).run()
    except (ValueError, IndexError, tomllib.TOMLDecodeError):
        return {}
    return found if all(_exists(data, path) for path in found) else {}


def line_of(found: dict[Path_, int], path: Path_) -> int | None:
    """The line of ``path``; else the first line of a key inside it (``claim.name = ...``
    makes a table ``claim``); else the line of its nearest enclosing table or key."""
    if path in found:
        return found[path]
    inside = [line for p, line in found.items() if p[:len(path)] == path]
    if inside:
        return min(inside)
    for end in range(len(path) - 1, 0, -1):
        if path[:end] in found:
            return found[path[:end]]
    return None


def _exists(data: Any, path: Path_) -> bool:
    for step in path:
        if isinstance(data, dict) and isinstance(step, str) and step in data:
            data = data[step]
        elif isinstance(data, list) and isinstance(step, int) and 0 <= step < len(data):
            data = data[step]
        else:
            return False
    return True


class _Scanner:
    def __init__(self, text: str):
        self.text, self.i = text, 0
        self.newlines = [k for k, c in enumerate(text) if c == "\n"]
        self.table: Path_ = ()
        self.counts: dict[Path_, int] = {}
        self.found: dict[Path_, int] = {}

    def line(self, at: int) -> int:
        return bisect.bisect_left(self.newlines, at) + 1

    def run(self) -> dict[Path_, int]:
        while self.i < len(self.text):
            c = self.text[self.i]
            if c in " \t\r\n":
                self.i += 1
            elif c == "#":
                self._to_line_end()
            elif c == "[":
                self._header()
            else:
                self._pair()
        return self.found

    def _to_line_end(self) -> int:
        end = self.text.find("\n", self.i)
        self.i = len(self.text) if end < 0 else end
        return self.i

    def _record(self, path: Path_, at: int) -> None:
        self.found.setdefault(path, self.line(at))

    def _indexed(self, keys: tuple[str, ...]) -> Path_:
        """A dotted key path with the current index of every array of tables on the way."""
        path: Path_ = ()
        for key in keys:
            path += (key,)
            if path in self.counts:
                path += (self.counts[path],)
        return path

    def _header(self) -> None:
        start = self.i
        keys, array = _header_keys(self.text[start:self._to_line_end()])
        if array:
            base = self._indexed(keys[:-1]) + (keys[-1],)
            self.counts[base] = self.counts.get(base, -1) + 1
            self.table = base + (self.counts[base],)
        else:
            self.table = self._indexed(keys)
        self._record(self.table, start)

    def _pair(self) -> None:
        start = self.i
        equals = self._key_end()
        keys = _key_path(self.text[start:equals])
        path = self.table + keys
        self._record(path, start)
        self.i = equals + 1
        self._value(path)

    def _key_end(self) -> int:
        """The index of the ``=`` that ends the key starting here."""
        while self.text[self.i] != "=":
            if self.text[self.i] in "\"'":
                self._string()
            elif self.text[self.i] == "\n":
                raise ValueError("a key without =")
            else:
                self.i += 1
        return self.i

    def _value(self, path: Path_) -> None:
        """Skip one value; record the line of each element of a top-level array."""
        depth, index, expecting = [], 0, False
        while self.i < len(self.text):
            c = self.text[self.i]
            if c in "\"'":
                if depth == ["["] and expecting:
                    self._record(path + (index,), self.i)
                    expecting = False
                self._string()
                continue
            if c == "#":
                self._to_line_end()
                continue
            if c == "\n" and not depth:
                return
            if depth == ["["] and expecting and c not in " \t\r\n],":
                self._record(path + (index,), self.i)
                expecting = False
            if c in "[{":
                depth.append(c)
                expecting = depth == ["["]
            elif c in "]}":
                depth.pop()
                if not depth:
                    self.i += 1
                    self._to_line_end()
                    return
            elif c == "," and depth == ["["]:
                index, expecting = index + 1, True
            self.i += 1

    def _string(self) -> None:
        quote = self.text[self.i]
        if self.text.startswith(quote * 3, self.i):
            end = self._find(quote * 3, self.i + 3, escapes=quote == '"')
            for _ in range(2):  # the closing delimiter may follow up to two quotes of content
                if self.text.startswith(quote, end + 3):
                    end += 1
            self.i = end + 3
            return
        end = self._find(quote, self.i + 1, escapes=quote == '"')
        self.i = end + 1

    def _find(self, closing: str, start: int, *, escapes: bool) -> int:
        k = start
        while not self.text.startswith(closing, k):
            if k >= len(self.text):
                raise ValueError("unclosed string")
            k += 2 if escapes and self.text[k] == "\\" else 1
        return k


def _header_keys(line: str) -> tuple[tuple[str, ...], bool]:
    """``[[ 'a'.b ]]  # note`` -> (("a", "b"), True), read by tomllib itself."""
    data, keys = tomllib.loads(line), []
    while isinstance(data, dict) and len(data) == 1:
        key, data = next(iter(data.items()))
        keys.append(key)
        if isinstance(data, list):
            return tuple(keys), True
    return tuple(keys), False


def _key_path(key: str) -> tuple[str, ...]:
    """``a."b c".d`` -> ("a", "b c", "d"), read by tomllib itself."""
    data, keys = tomllib.loads(key + "= 0"), []
    while isinstance(data, dict):
        key, data = next(iter(data.items()))
        keys.append(key)
    return tuple(keys)
