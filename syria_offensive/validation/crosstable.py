"""Layer 2: rules that span tables, vectorised (Arrow hash lookups, numpy on UTF-8 bytes; no loop per row).

- every foreign key resolves (declared in schema/tables/*.yaml);
- every span equals the article text at its offsets;
- statement dates do not follow their article's published_date_max;
- PLOVER agrees with the CAMEO→PLOVER crosswalk;
- every alias is used in some article, and no two actors share an alias; name mentions are aliases;
- a claim_id is shared by statements of at least two articles;
- text_sha256 is the hash of the text.

Scale: these checks run on a million statements in seconds (see benchmarks/), in parallel threads. String
keys are matched with Arrow's kernels (`index_in`, `search_sorted`) rather than pandas `isin`/`map`, which
turn the looked-up values into Python objects, and a column sorted on a key is looked up once per run of
equal values. Each foreign key is looked up once (keys.referenced_rows) and the rows found serve every
rule that needs them: the reference check, the article of each span, a statement's article for its dates
and its figures, the actor of each alias and name mention. Spans are compared on the UTF-8 bytes of the
texts after converting code-point offsets to byte offsets: up to 16 bytes as two 8-byte words, longer ones
as Arrow string views over the bytes of both sides — never by copying a text. Each shortcut gives
exactly what the plain definition gives (tests/test_synthetic.py compares them on damaged data).
"""

from __future__ import annotations

import hashlib
from functools import partial

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from syria_offensive.metadata import codelist, tables
from syria_offensive.validation import keys
from syria_offensive.validation.failures import combine, failures
from syria_offensive.validation.keys import chunks as _chunks
from syria_offensive.validation.keys import expand as _expand
from syria_offensive.validation.keys import heads as _heads
from syria_offensive.validation.keys import run_starts as _run_starts
from syria_offensive.validation.keys import strings as _strings
from syria_offensive.validation.keys import whole_array as _whole
from syria_offensive.validation.tables import in_parallel

SPAN_TABLES = ["statements", "event_reports", "figures", "mentions", "place_mentions"]
_NULLABLE = (pd.StringDtype, pd.DatetimeTZDtype, pd.Int64Dtype, pd.Float64Dtype, np.dtypes.DateTime64DType)


def lookup(frame: pd.DataFrame, key: str, value: str) -> pd.Series:
    """key -> value, usable with Series.map even when layer 1 has found duplicate keys."""
    return frame.drop_duplicates(key).set_index(key)[value]


def pick(keys: pd.Series, frame: pd.DataFrame, key: str, value: str, rows: np.ndarray | None = None) -> pd.Series:
    """frame[value] for each of `keys` (null where unknown), keeping its dtype (Series.map of datetimes with
    missing keys fails in pandas 3); `rows`: the keys' rows in `frame` when known (positions())."""
    column = frame[value]
    if rows is not None and isinstance(column.dtype, _NULLABLE):
        return pd.Series(column.array.take(rows, allow_fill=True), index=keys.index)
    if isinstance(column.dtype, _NULLABLE) and _strings(keys) is not None and _strings(frame[key]) is not None:
        # the same rows as lookup + reindex, found with Arrow's hash table instead of Python objects
        return pd.Series(column.array.take(positions(keys, frame[key]), allow_fill=True), index=keys.index)
    found = lookup(frame, key, value).reindex(keys.astype(object).to_numpy())
    return pd.Series(found.to_numpy(), index=keys.index, dtype=found.dtype)


def _at(column: pd.Series, rows: np.ndarray | pd.Index) -> pd.Series | list:
    """column.iloc[rows] (positions), for the values of failures: taking no rows of a column of many Arrow
    chunks costs pandas a copy of the whole column."""
    return column.iloc[rows] if len(rows) else []


def isin(values: pd.Series, allowed: pd.Series) -> np.ndarray:
    """values.isin(allowed) for non-null values, with Arrow's hash set when both are text (else pandas)."""
    local, remote = _strings(values), _strings(allowed, whole=True)
    if local is None or remote is None:
        return values.isin(allowed).to_numpy(dtype=bool)
    return pc.is_in(local, value_set=remote).to_numpy(zero_copy_only=False).astype(bool)


def referenced(frames: dict[str, pd.DataFrame], name: str, field: str, target: str, target_field: str) -> np.ndarray:
    """positions(frames[name][field], frames[target][target_field]): from the lookup of the foreign key
    when the schema declares this one (keys.referenced_rows, shared with the foreign-key check)."""
    number = keys.reference_number(name, field)
    reference = tables()[name].foreign_keys[number]["reference"] if number is not None else {}
    if reference.get("resource") == target and list(reference.get("fields", [])) == [target_field]:
        rows = keys.referenced_rows(frames, name, number)
        if rows is not None:
            return rows
    return positions(frames[name][field], frames[target][target_field])


def positions(keys: pd.Series, index: pd.Series) -> np.ndarray:
    """For each key, the position of its first occurrence in `index` (-1 if absent): the row that `lookup`
    keeps and `Series.map` finds (a null key finds a null)."""
    local, remote = _strings(keys), _strings(index)
    if local is None or remote is None:
        first = np.flatnonzero(~index.duplicated().to_numpy())
        found = pd.Index(index.iloc[first]).get_indexer(keys)
        return np.where(found >= 0, first[found], -1)
    starts = _run_starts(local)
    heads = _heads(local, starts)
    if 4 * len(heads) < len(remote):  # few keys, a long index: hash the keys, not the index
        wanted = pc.unique(heads)
        wanted = _whole(wanted)
        hits = pc.index_in(remote, value_set=wanted).to_numpy(zero_copy_only=False)  # (float, NaN = none)
        rows = np.flatnonzero(~np.isnan(hits))
        key, first = np.unique(hits[rows].astype(np.int64), return_index=True)  # first row of each key
        where = np.full(len(wanted), -1, dtype=np.int64)
        where[key] = rows[first]
        found = where[pc.index_in(heads, value_set=wanted).to_numpy(zero_copy_only=False).astype(np.int64)]
    else:
        remote = _whole(remote)
        found = pc.index_in(heads, value_set=remote).fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
    return _expand(found, starts, len(local))


def foreign_keys(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every foreign key resolves. Single-field keys of text columns are looked up together per referenced
    column (keys.resolved: shared with layer 1, which proves the keys' patterns with it)."""
    parts = []
    for name, table in tables().items():
        frame = frames[name]
        for number, fk in enumerate(table.foreign_keys):
            ref = frames[fk["reference"]["resource"]]
            local, remote = fk["fields"], fk["reference"]["fields"]
            values = frame[local[0]] if len(local) == 1 else frame[local]
            known = values.isna().to_numpy() if len(local) == 1 else values.isna().any(axis=1).to_numpy()
            looked_up = keys.resolved(frames, name, number)
            if looked_up is not None:
                resolved = looked_up
            elif len(local) == 1:
                resolved = isin(values, ref[remote[0]])
            else:
                resolved = pd.MultiIndex.from_frame(values).isin(pd.MultiIndex.from_frame(ref[remote]))
            bad = ~(known | resolved)
            if not bad.any():
                continue  # (no failure rows: nothing to add)
            target = f"{fk['reference']['resource']}.{','.join(remote)}"
            parts.append(
                failures(
                    name,
                    frame.index[bad],
                    ",".join(local),
                    frame[local[0]][bad],
                    f"unknown reference: no {target} has this value",
                )
            )
    return combine(parts)


# --- spans: articles.text[char_start:char_end] == text, on UTF-8 bytes ------------------------------------

_MASKS = np.array([0, *[(1 << (8 * n)) - 1 for n in range(1, 8)], 2**64 - 1], dtype=np.uint64)


def _utf8(values: pd.Series) -> tuple[pa.Array, np.ndarray, np.ndarray, np.ndarray]:
    """A text column as UTF-8: (the Arrow array, its bytes as numpy, each value's first byte, each value's
    byte length). Nulls are empty strings; anything that is not text is compared as str(value), like
    `astype(str)`."""
    array = _strings(values, whole=True)
    if array is None:
        array = pa.array(values.map(lambda v: v if pd.isna(v) else str(v)), type=pa.large_string(), from_pandas=True)
    return _utf8_array(array)


def _utf8_array(array: pa.Array | pa.ChunkedArray) -> tuple[pa.Array, np.ndarray, np.ndarray, np.ndarray]:
    """As _utf8, for an Arrow large-string array (its bytes are not copied; a null has length 0)."""
    array = _whole(array)
    offsets, data = keys.utf8_buffers(array)
    nbytes = np.diff(offsets)
    if array.null_count:
        nbytes[~array.is_valid().to_numpy(zero_copy_only=False)] = 0
    return array, data, offsets[:-1].copy(), nbytes


def _multibyte_leads(data: np.ndarray, low: int, high: int) -> np.ndarray:
    """Offsets of the first byte of every multibyte UTF-8 character in data[low:high] (scanned in slices:
    no temporary as large as the texts)."""
    step = 1 << 24
    found = [np.flatnonzero(data[i : min(i + step, high)] >= 0xC0) + i for i in range(low, high, step)]
    return np.concatenate([np.zeros(0, np.int64), *found])


class _CodePoints:
    """Code-point offsets -> byte offsets in the UTF-8 bytes of a text column, vectorised.

    Only multibyte characters need bookkeeping: the byte offset of code point `c` of text `t` is
    start[t] + c + (the extra bytes of the multibyte characters of `t` before `c`). To count those, queries
    in order (a table sorted by article and offset) use one binary search over all multibyte characters;
    others use blocks of BLOCK code points holding the index of the first multibyte character in each, so
    that a query searches only its block (all queries at once, for as long as any is unresolved).
    """

    BLOCK = 256

    def __init__(self, data: np.ndarray, start: np.ndarray, nbytes: np.ndarray):
        self.start = start
        end = start + nbytes
        lead = _multibyte_leads(data, int(start[0]), int(end[-1])) if len(start) else np.zeros(0, np.int64)
        owner = np.searchsorted(start, lead, side="right") - 1
        if not np.array_equal(start[1:], end[:-1]):  # bytes between texts (a null's) belong to none
            inside = lead < end[owner]
            lead, owner = lead[inside], owner[inside]
        first = data[lead]
        extra = np.ones(len(lead), dtype=np.int64)  # the extra bytes of each multibyte character
        extra += first >= 0xE0
        extra += first >= 0xF0
        self.cum = np.zeros(len(lead) + 1, dtype=np.int64)  # extra bytes before the i-th multibyte character
        np.cumsum(extra, out=self.cum[1:])
        self.base = self.cum[np.searchsorted(lead, start)]  # ... before each text
        self.after = np.searchsorted(lead, start + nbytes)  # the first multibyte character after each text
        self.length = nbytes - (self.cum[self.after] - self.base)  # in code points
        self.cp_base = cp_base = np.concatenate([[0], np.cumsum(self.length)[:-1]])
        lead_cp = lead - start[owner] - (self.cum[:-1] - self.base[owner])  # within its text
        self.lead_cp = np.append(lead_cp, np.iinfo(np.int64).max)  # (+ a sentinel)
        self.keys = cp_base[owner] + lead_cp  # over all texts, ascending
        # blocks: the first multibyte character at or after code point k * BLOCK of each text (k = 0.. past its end)
        blocks = self.length // self.BLOCK + 2
        self.block_base = np.concatenate([[0], np.cumsum(blocks)[:-1]])
        text, k, _ = _group_positions(blocks)
        at = cp_base[text] + np.minimum(k * self.BLOCK, self.length[text])
        self.block_first = np.searchsorted(self.keys, at, side="left")

    def span(self, text: np.ndarray, start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Byte offset and byte length of text[start:end] (0 <= start <= end <= length) of each text."""
        before = self._before(text, start)
        first = self.start[text] + start + self.cum[before] - self.base[text]
        nbytes = end - start  # unless a multibyte character lies in [start, end): most spans have none
        inside = np.flatnonzero((before < self.after[text]) & (self.lead_cp[before] < end))
        nbytes[inside] = self.to_bytes(text[inside], end[inside]) - first[inside]
        return first, nbytes

    def to_bytes(self, text: np.ndarray, cp: np.ndarray) -> np.ndarray:
        """Byte offset (into all bytes) of code point cp (0 <= cp <= length) of each text."""
        return self.start[text] + cp + self.cum[self._before(text, cp)] - self.base[text]

    def _before(self, text: np.ndarray, cp: np.ndarray) -> np.ndarray:
        """The number of multibyte characters before code point cp of each text (of all texts)."""
        key = self.cp_base[text] + cp
        if len(key) < 2 or bool((key[1:] >= key[:-1]).all()):  # in order: numpy's search follows along
            return np.searchsorted(self.keys, key, side="left")
        block = self.block_base[text] + cp // self.BLOCK
        lo, hi = self.block_first[block], self.block_first[block + 1]
        todo = np.flatnonzero(lo < hi)
        while len(todo):  # binary search within the block, for the queries not yet resolved
            low, high = lo[todo], hi[todo]
            mid = (low + high) >> 1
            less = self.lead_cp[mid] < cp[todo]
            low, high = np.where(less, mid + 1, low), np.where(less, high, mid)
            lo[todo], hi[todo] = low, high
            todo = todo[low < high]
        return lo


def _group_positions(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For groups of the given sizes laid end to end: each row's group, its position in it, group starts."""
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
    group = np.repeat(np.arange(len(counts)), counts)
    return group, np.arange(len(group)) - starts[group], starts


def _words(data: np.ndarray, at: np.ndarray) -> np.ndarray:
    """The eight bytes at each offset (>= 0) as a little-endian integer (zeros past the end)."""
    n = len(data)
    if n >= 8 and (len(at) == 0 or at.max() <= n - 8):  # (the usual case: nothing near the end)
        return np.ndarray(shape=(n - 7,), dtype="<u8", buffer=data, strides=(1,))[at]
    out = np.zeros(len(at), dtype=np.uint64)
    inside = at <= n - 8
    if n >= 8:
        view = np.ndarray(shape=(n - 7,), dtype="<u8", buffer=data, strides=(1,))
        out[inside] = view[at[inside]]
    if not inside.all():
        m = min(n, 8)
        tail = np.zeros(16, dtype=np.uint8)
        tail[:m] = data[n - m :]
        view = np.ndarray(shape=(9,), dtype="<u8", buffer=tail, strides=(1,))
        out[~inside] = view[np.minimum(at[~inside] - (n - m), 8)]  # (at or past the end: zeros)
    return out


def _same_short(a: np.ndarray, a_at: np.ndarray, b: np.ndarray, b_at: np.ndarray, nbytes: np.ndarray) -> np.ndarray:
    """a[a_at:a_at+n] == b[b_at:b_at+n] for byte strings of at most 16 bytes, two 8-byte words at a time."""
    low, high = _MASKS[np.minimum(nbytes, 8)], _MASKS[np.maximum(nbytes - 8, 0)]
    same = ((_words(a, a_at) ^ _words(b, b_at)) & low) == 0
    same &= ((_words(a, a_at + 8) ^ _words(b, b_at + 8)) & high) == 0
    return same


_BLOCK = 1 << 30  # string_view offsets are int32: the data is exposed as overlapping 2 GiB windows


def _slices(array: pa.Array, data: np.ndarray, start: np.ndarray, nbytes: np.ndarray) -> pa.Array:
    """data[start:start+nbytes] for each row as an Arrow string_view array, without copying the bytes.

    A view is 16 bytes: the length, then either the bytes themselves (up to 12, zero-padded) or their first
    four bytes, the number of the data buffer and the offset in it (Arrow columnar format; little-endian).
    """
    views = np.empty((len(start), 2), dtype="<u8")
    first = _words(data, start)
    short = np.flatnonzero(nbytes <= 12)
    views[:, 0] = nbytes.astype(np.uint64) | ((first & _MASKS[4]) << np.uint64(32))
    block = start // _BLOCK
    views[:, 1] = block.astype(np.uint64) | ((start - block * _BLOCK).astype(np.uint64) << np.uint64(32))
    n = nbytes[short]
    head, second = first[short], _words(data, start[short] + 8)
    views[short, 0] = n.astype(np.uint64) | ((head & _MASKS[np.minimum(n, 4)]) << np.uint64(32))
    views[short, 1] = ((head >> np.uint64(32)) & _MASKS[np.maximum(np.minimum(n - 4, 4), 0)]) | (
        (second & _MASKS[np.maximum(np.minimum(n - 8, 4), 0)]) << np.uint64(32)
    )
    buffer, size = array.buffers()[2], len(data)
    windows = [buffer.slice(k * _BLOCK, min(2 * _BLOCK, size - k * _BLOCK)) for k in range(-(-size // _BLOCK))]
    if not windows:  # (no bytes at all: every view is inline and empty)
        windows = [pa.py_buffer(b"")]
    return pa.Array.from_buffers(pa.string_view(), len(start), [None, pa.py_buffer(views), *windows])


SPAN_CHUNK = 1 << 20


def _check_spans(
    code_points: _CodePoints,
    article_array: pa.Array,
    article_bytes: np.ndarray,
    article: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    quoted: tuple[pa.Array, np.ndarray, np.ndarray, np.ndarray],
) -> tuple[np.ndarray, np.ndarray]:
    """For span rows (their article, offsets, and their texts as _utf8_array gives them: the array, its
    bytes, each row's first byte and byte length): which are out of range, and which texts differ from the
    article's text at their offsets (Python slice semantics)."""
    quoted_array, quoted_bytes, quoted_first, quoted_nbytes = quoted
    length = code_points.length[article]
    out_of_range = (end > length) | (start < 0)
    ok = ~out_of_range
    if out_of_range.any() or (end < start).any():  # Python slice semantics for what remains:
        start = np.minimum(start, length)  # start within [0, length], a negative end counts from the end
        end = np.maximum(np.where(end < 0, np.maximum(end + length, 0), end), start)
        first = np.zeros(len(start), dtype=np.int64)
        nbytes = np.zeros(len(start), dtype=np.int64)
        first[ok], nbytes[ok] = code_points.span(article[ok], start[ok], end[ok])
    else:  # (the usual case: 0 <= start <= end <= length everywhere)
        first, nbytes = code_points.span(article, start, end)
    same = np.zeros(len(start), dtype=bool)
    compare = np.flatnonzero(ok & (nbytes == quoted_nbytes))
    short = nbytes[compare] <= 16
    part = compare[short]  # up to 16 bytes: compare two 8-byte words of each side
    if len(part):
        same[part] = _same_short(article_bytes, first[part], quoted_bytes, quoted_first[part], nbytes[part])
    part = compare[~short]  # longer: Arrow compares views of the bytes of both sides (nothing is copied)
    if len(part):
        at_offsets = _slices(article_array, article_bytes, first[part], nbytes[part])
        texts = _slices(quoted_array, quoted_bytes, quoted_first[part], nbytes[part])
        same[part] = pc.equal(at_offsets, texts).to_numpy(zero_copy_only=False)
    return out_of_range, ~same & ok


def _offsets(column: pd.Series) -> bool:
    """The column holds numbers (the readers type char_start and char_end as whole numbers); text, say,
    locates no span (layer 1 reports its type)."""
    return pd.api.types.is_numeric_dtype(column.dtype) and not pd.api.types.is_bool_dtype(column.dtype)


def spans(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    articles = frames["articles"]
    article_array, article_bytes, article_start, article_nbytes = _utf8(articles["text"])
    code_points = _CodePoints(article_bytes, article_start, article_nbytes)
    has_text = articles["text"].notna().to_numpy()

    def check(name: str) -> pd.DataFrame:
        frame = frames[name]
        if not (_offsets(frame["char_start"]) and _offsets(frame["char_end"])):
            return combine([])  # (layer 1 reports the offsets' type: no span can be located)
        article = referenced(frames, name, "article_id", "articles", "article_id")  # (the one `lookup` keeps)
        usable = article >= 0
        usable &= frame["char_start"].notna().to_numpy() & frame["char_end"].notna().to_numpy()
        usable[usable] = has_text[article[usable]]
        quoted = _strings(frame["text"])
        if quoted is None:
            quoted = pa.array(
                frame["text"].map(lambda v: v if pd.isna(v) else str(v)), type=pa.large_string(), from_pandas=True
            )
        char_start, char_end = frame["char_start"].array, frame["char_end"].array
        out_of_range, differs, lo = [], [], 0
        for chunk in _chunks(quoted):  # the rows in the chunks they were read in, at most SPAN_CHUNK at a time
            for at in range(0, len(chunk), SPAN_CHUNK):
                piece = chunk.slice(at, SPAN_CHUNK)
                rows = lo + at + np.flatnonzero(usable[lo + at : lo + at + len(piece)])
                if len(rows) == 0:
                    continue
                text, text_bytes, text_first, text_nbytes = _utf8_array(piece)
                inside = rows - (lo + at)
                within = slice(lo + at, lo + at + len(piece))  # (a slice of a pandas array: no copy)
                bad_range, bad_text = _check_spans(
                    code_points, article_array, article_bytes, article[rows],
                    char_start[within].to_numpy(dtype=np.int64, na_value=0)[inside],
                    char_end[within].to_numpy(dtype=np.int64, na_value=0)[inside],
                    (text, text_bytes, text_first[inside], text_nbytes[inside]),
                )  # fmt: skip
                out_of_range.append(rows[bad_range])
                differs.append(rows[bad_text])
            lo += len(chunk)
        out_of_range = np.concatenate([np.zeros(0, np.int64), *out_of_range])
        differs = np.concatenate([np.zeros(0, np.int64), *differs])
        return combine(
            [
                failures(
                    name,
                    frame.index[out_of_range],
                    "char_end",
                    _at(frame["char_end"], out_of_range),
                    "offsets are out of range of the article text",
                ),
                failures(
                    name,
                    frame.index[differs],
                    "text",
                    _at(frame["text"], differs),
                    "text differs from articles.text[char_start:char_end]",
                ),
            ]
        )

    tasks = {name: partial(check, name) for name in SPAN_TABLES}  # the tables in parallel, the largest first
    return combine(list(in_parallel(tasks, cost=lambda name: len(frames[name])).values()))


def statement_dates(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    st = frames["statements"]
    rows = referenced(frames, "statements", "article_id", "articles", "article_id")
    pub_max = pick(st["article_id"], frames["articles"], "article_id", "published_date_max", rows)
    earliest = st["date"].fillna(st["date_min"])
    late = earliest.notna() & pub_max.notna() & (earliest > pub_max)
    return failures(
        "statements",
        st.index[late],
        "date",
        earliest[late].dt.strftime("%Y-%m-%d"),
        "statement is dated after its article's published_date_max",
    )


def plover_matches_cameo(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    crosswalk = codelist("cameo").set_index("code")["plover"].replace("", pd.NA)
    parts = []
    for name in ("statements", "events"):
        frame = frames[name]
        cameo, plover = _strings(frame["cameo"]), _strings(frame["plover"])
        if cameo is not None and plover is not None:  # the same comparison in Arrow
            where = pc.index_in(cameo, value_set=pa.array(crosswalk.index.tolist(), type=pa.large_string()))
            expected = pa.array(crosswalk.tolist(), type=pa.large_string(), from_pandas=True).take(where)
            same = pc.equal(pc.fill_null(expected, "∅"), pc.fill_null(plover, "∅"))
            bad = (~same.to_numpy(zero_copy_only=False)) & where.is_valid().to_numpy(zero_copy_only=False)
        else:
            expected = frame["cameo"].map(crosswalk)
            bad = ~(expected.fillna("∅").astype(str) == frame["plover"].fillna("∅").astype(str)) & frame["cameo"].isin(
                crosswalk.index
            )
        parts.append(
            failures(
                name,
                frame.index[bad],
                "plover",
                frame["plover"][bad],
                "plover differs from the CAMEO→PLOVER crosswalk for this cameo code",
            )
        )
    return combine(parts)


def _codes(values: pa.Array | pa.ChunkedArray, among: pa.Array) -> np.ndarray:
    """Each value's position in `among` (-1: absent), as int64."""
    return pc.index_in(values, value_set=among).fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)


def _actor_codes(frames: dict[str, pd.DataFrame], al_actor: pa.ChunkedArray, actor: pa.ChunkedArray) -> tuple:
    """One integer per actor_id, equal for equal ids, for the aliases' and the mentions' actors: the row of
    actors that the foreign-key lookup found (keys.referenced_rows: no second hash of millions of ids), and
    for ids not in actors (already reported as unknown references) a code past those rows."""
    al_rows = referenced(frames, "actor_aliases", "actor_id", "actors", "actor_id").astype(np.int64)
    rows = referenced(frames, "mentions", "actor_id", "actors", "actor_id").astype(np.int64)
    unknown_al, unknown = np.flatnonzero(al_rows < 0), np.flatnonzero(rows < 0)
    if len(unknown_al) or len(unknown):
        left, right = al_actor.take(pa.array(unknown_al)), actor.take(pa.array(unknown))
        others = _whole(pc.unique(pa.chunked_array([*_chunks(left), *_chunks(right)], type=pa.large_string())))
        past = len(frames["actors"])
        al_rows[unknown_al], rows[unknown] = past + _codes(left, others), past + _codes(right, others)
    return al_rows, rows


def aliases(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    al = frames["actor_aliases"]
    mentions = frames["mentions"]
    columns = [
        _strings(c) for c in (al["actor_id"], al["alias"], mentions["actor_id"], mentions["text"], mentions["kind"])
    ]
    if all(c is not None and c.null_count == 0 for c in columns):  # pairs matched as integers, in Arrow
        al_actor, al_alias, actor, text, kind = columns
        is_name = pc.equal(kind, "name")
        rows = np.flatnonzero(is_name.to_numpy(zero_copy_only=False))
        al_actor_code, actor_code = _actor_codes(frames, al_actor, actor)
        texts = _whole(pc.unique(al_alias))
        width = len(texts)  # a pair (actor, alias) as actor * width + alias; -1 when the text is no alias
        alias_pairs = al_actor_code * width + _codes(al_alias, texts)
        text_code = _codes(text.filter(is_name), texts)
        name_pairs = np.where(text_code >= 0, actor_code[rows] * width + text_code, -1)
        which = pc.index_in(pa.array(name_pairs), value_set=pa.array(alias_pairs))
        not_alias = np.flatnonzero(which.is_null().to_numpy(zero_copy_only=False))
        named = np.bincount(which.drop_null().to_numpy(), minlength=len(alias_pairs)) > 0
        first = _codes(pa.array(alias_pairs), pa.array(alias_pairs))
        used = named[first]  # (a pair listed twice is used when its first listing is)
        names = rows[not_alias]  # positions of the mentions reported (only their texts are taken)
        names_index, names_text = mentions.index[names], _at(mentions["text"], names)
    else:
        names = mentions[mentions["kind"] == "name"]
        used = pd.MultiIndex.from_frame(al[["actor_id", "alias"]]).isin(
            pd.MultiIndex.from_frame(names[["actor_id", "text"]])
        )
        not_alias = ~pd.MultiIndex.from_frame(names[["actor_id", "text"]]).isin(
            pd.MultiIndex.from_frame(al[["actor_id", "alias"]])
        )
        names_index, names_text = names.index[not_alias], names["text"][not_alias]
    shared = al["alias"].duplicated(keep=False).to_numpy()
    return combine(
        [
            failures(
                "actor_aliases",
                al.index[~used & ~shared],
                "alias",
                al["alias"][~used & ~shared],
                "alias occurs in no article (as a whole word, case-sensitively)",
            ),
            failures(
                "actor_aliases", al.index[shared], "alias", al["alias"][shared], "alias is used for several actors"
            ),
            failures("mentions", names_index, "text", names_text, "name mention is not an alias of its actor"),
        ]
    )


def claims(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    st = frames["statements"]
    with_claim = st.loc[st["claim_id"].notna(), ["claim_id", "article_id"]]
    articles_per_claim = with_claim.groupby("claim_id")["article_id"].transform("nunique")
    lonely = with_claim.index[(articles_per_claim < 2).to_numpy()]
    return failures(
        "statements",
        lonely,
        "claim_id",
        st.loc[lonely, "claim_id"] if len(lonely) else [],
        "claim_id is used by statements of only one article (it links the same utterance across articles)",
    )


def text_hashes(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    art = frames["articles"]
    if _strings(art["text"]) is not None:  # hash the UTF-8 bytes in place (no Python string per article)
        _, data, start, nbytes = _utf8(art["text"])
        view = memoryview(data)
        digests = [hashlib.sha256(view[a : a + n]).hexdigest() for a, n in zip(start, nbytes, strict=True)]
        actual = pd.Series(pd.array(digests, dtype="string"), index=art.index)  # one per article
    else:
        actual = art["text"].fillna("").map(lambda t: hashlib.sha256(t.encode("utf-8")).hexdigest())
    bad = actual != art["text_sha256"]
    return failures(
        "articles", art.index[bad], "text_sha256", art["text_sha256"][bad], "text_sha256 is not the SHA-256 of text"
    )


def figure_links(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    fig = frames["figures"]
    rows = referenced(frames, "figures", "statement_id", "statements", "statement_id")
    statement_article = pick(fig["statement_id"], frames["statements"], "statement_id", "article_id", rows)
    bad = statement_article.notna() & (statement_article != fig["article_id"])
    return failures(
        "figures",
        fig.index[bad],
        "statement_id",
        fig["statement_id"][bad],
        "figure points to a statement of another article",
    )


# Relative cost of each rule on a large package (benchmarks/): the costliest start first.
COST = {"spans": 5, "foreign_keys": 3, "aliases": 2, "text_hashes": 1}
CHECKS = [foreign_keys, spans, statement_dates, plover_matches_cameo, aliases, claims, text_hashes, figure_links]


def check_all(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every rule's failures, in the order of CHECKS; the rules run in parallel threads (the heavy work is
    in Arrow and numpy, which release the GIL)."""
    tasks = {check.__name__: partial(check, frames) for check in CHECKS}
    return combine(list(in_parallel(tasks, cost=lambda name: COST.get(name, 0)).values()))
