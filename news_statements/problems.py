"""Problems found in the inputs: collected all at once, reported one line each, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from news_statements.paths import ROOT


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    id: str | None
    message: str
    value: str | None = None
    expected: str | None = None
    # The first line of the record the problem is in, so that later checks can skip an already-flawed record.
    record_line: int | None = field(default=None, compare=False)
    # A whole file could not be read: later stages would only report its consequences.
    fatal: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        who = f" {self.id}:" if self.id else ""
        detail = []
        if self.value is not None:
            detail.append(f"got {_short(self.value)}")
        if self.expected is not None:
            detail.append(f"expected {self.expected}")
        tail = f" ({', '.join(detail)})" if detail else ""
        return f"{where}:{who} {self.message}{tail}"


def _short(value: str, limit: int = 120) -> str:
    text = str(value)
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(text)


def around(text: str, start: int, end: int, width: int = 30) -> str:
    """The text around a character offset, with the span in [brackets]: a bare offset tells a curator nothing.

    Line breaks are shown as spaces so that the excerpt stays on the problem's one line.
    """
    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    excerpt = ("…" if start > width else "") + before + "[" + text[start:end] + "]" + after
    excerpt += "…" if end + width < len(text) else ""
    return " ".join(excerpt.split("\n"))


class InputError(Exception):
    """Raised with every problem found, so that the caller can print them all and exit non-zero."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.id or "", p.message))
        super().__init__("\n".join(str(p) for p in self.problems))


def relative(path) -> str:
    """A path as the user sees it: relative to the repository when inside it."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def from_rows(
    rows: pd.DataFrame,
    message: str,
    value_column: str | None = None,
    expected: str | None = None,
    id_column: str = "id",
    reason_column: str | None = None,
) -> list[Problem]:
    """One Problem per row of a frame carrying `_file` and `_line` (vectorised checks report through this)."""
    if rows.empty:
        return []
    values = rows[value_column].astype("string") if value_column else pd.Series([None] * len(rows), index=rows.index)
    ids = rows[id_column] if id_column in rows else pd.Series([None] * len(rows), index=rows.index)
    messages = message + rows[reason_column].astype(str) if reason_column else pd.Series(message, index=rows.index)
    return [
        Problem(
            f,
            None if pd.isna(line) else int(line),
            None if pd.isna(i) else str(i),
            m,
            None if v is None or pd.isna(v) else str(v),
            expected,
            record_line=None if pd.isna(line) else int(line),
        )
        for f, line, i, m, v in zip(rows["_file"], rows["_line"], ids, messages, values, strict=True)
    ]
