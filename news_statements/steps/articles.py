"""Step: the articles (each source file read, hashed and cleaned by its furniture rules) and the furniture
removed from them, so that every offset in the package counts in the cleaned text and the raw file stays
checkable by its hash."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from news_statements.problems import Problem, from_rows, relative
from news_statements.steps.frames import date_problems, join_notes, labelled, pick
from news_statements.transforms import clean, dates


def _read_source(path: Path) -> bytes | str:
    """The source file's bytes, or why it cannot be read (a name too long for the file system is not a crash)."""
    try:
        if not path.is_file():
            return "not found"
        return path.read_bytes()
    except OSError as err:
        return f"cannot be read ({err.strerror})"


def _source_problem(row: dict, message: str, name: str, expected: str) -> Problem:
    """A problem of the `source_file:` value, reported at its line in the metadata file."""
    return Problem(row["_file"], row["_lines"].get("source_file"), row["article_id"], message, name, expected)


def _clean_texts(
    meta: pd.DataFrame, rules_of: pd.DataFrame, problems: list[Problem], sources_dir: Path
) -> tuple[dict[str, str], list[pd.DataFrame], dict[str, str]]:
    """Per article (one loop turn per source file): its cleaned text, the furniture removed, the raw file's sha256."""
    texts, furniture, raw_hashes = {}, [], {}
    for row in meta.to_dict("records"):
        name = str(row["source_file"])
        path = sources_dir / name
        if Path(name).name != name or name in ("", ".", ".."):
            problems.append(
                _source_problem(
                    row,
                    "source_file must be a file name beside the metadata file",
                    name,
                    "a plain file name, no folders",
                )
            )
            continue
        raw_bytes = _read_source(path)
        if isinstance(raw_bytes, str):  # why it could not be read ("not found", "File name too long", ...)
            problems.append(_source_problem(row, f"source file {raw_bytes}", name, f"a file beside {row['_file']}"))
            continue
        raw_hashes[row["article_id"]] = hashlib.sha256(raw_bytes).hexdigest()
        try:
            raw = raw_bytes.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(Problem(relative(path), None, row["article_id"], "source file is not UTF-8"))
            continue
        rules = rules_of[rules_of["article_id"] == row["article_id"]]
        cleaned = clean.clean(raw, rules, row.get("normalize_nbsp") is True)
        for index in cleaned.unmatched:
            rule = rules.iloc[index]
            problems.append(
                Problem(
                    rule["_file"],
                    rule["_line"],
                    row["article_id"],
                    "furniture rule matches no line",
                    str(rule["line"] if isinstance(rule["line"], str) else rule["from_line"]),
                    "the exact text of a whole line of the source file",
                )
            )
        texts[row["article_id"]] = cleaned.text
        furniture.append(cleaned.removed.assign(article_id=row["article_id"]))
    return texts, furniture, raw_hashes


def run(
    frames: dict[str, pd.DataFrame], problems: list[Problem], sources_dir: Path
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """articles and article_furniture from the sources/ metadata and files."""
    meta = frames["articles"]
    problems += from_rows(
        meta[meta["article_id"] != meta["_stem"]],
        "sources file name differs from its article_id",
        "article_id",
        expected="sources/<article_id>.yaml",
        id_column="article_id",
    )
    texts, furniture, raw_hashes = _clean_texts(meta, frames["furniture"], problems, sources_dir)
    published = dates.resolve(meta, meta["date_min"], meta["date_max"], allow_relative=False)
    problems += date_problems(meta, published, "publication")
    text = meta["article_id"].map(texts).astype("string")
    articles = pd.DataFrame(
        {
            "article_id": meta["article_id"],
            "title": meta["title"],
            "outlet": meta["outlet"],
            "outlet_actor_id": meta["outlet_actor"],
            "url": meta["url"],
            "published_date": published["date"],
            "published_date_min": published["date_min"],
            "published_date_max": published["date_max"],
            "date_basis": published["date_basis"],
            "language": meta["language"],
            "dateline": meta["dateline"],
            "byline": meta["byline"],
            "text": text,
            "text_sha256": text.map(
                lambda t: hashlib.sha256(t.encode("utf-8")).hexdigest() if isinstance(t, str) else None
            ),
            "source_file": meta["source_file"],
            "source_sha256": meta["article_id"].map(raw_hashes),
            "derived_from_url": meta["derived_from_url"],
            "licence_note": meta["licence_note"],
            "notes": join_notes(
                meta["notes"],
                labelled("Publication date", meta["date_note"]),
                labelled("URL", meta["url_basis"]),
                labelled("Derived from", meta["derived_from_basis"]),
            ),
            "_file": meta["_file"],
            "_line": meta["_line"],
        }
    )
    furniture_frame = (
        pd.concat(furniture, ignore_index=True)
        if furniture
        else pd.DataFrame(columns=["article_id", "raw_char_start", "raw_char_end", "kind", "text"])
    )
    furniture_frame = furniture_frame.assign(
        _file=pick(furniture_frame["article_id"], meta, "article_id", "_file"), _line=None
    )
    return articles, furniture_frame
