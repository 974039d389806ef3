"""jieba's prefix dictionary, looked up on disk until a process segments many texts.

jieba loads its whole prefix dictionary (about 500,000 words and prefixes, 9 MB) before it
segments anything: 0.6-1.0 s of every new process, more than a cold `assistant ask`
spends on anything else. A question needs a few hundred of those entries. So a new
process looks entries up in an SQLite copy of the dictionary (kept in the cache folder,
`text/cache_files.py`, keyed by jieba's version and dictionary file) and remembers each
answer; after BULK texts (an ingest, an evaluation) it loads the whole dictionary, as
jieba does, and uses that. Both give jieba the same entries and the same total, so words
are segmented the same way (tests compare them).
"""

from __future__ import annotations

import logging
import marshal
import sqlite3
import tempfile
import threading
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Any, TypeVar

from assistant.private_files import private_dir
from assistant.text.cache_files import cache_dir, source_key

log = logging.getLogger(__name__)
V = TypeVar("V")
# Texts segmented with entries looked up one by one before the whole dictionary is loaded.
BULK = 200


class StoredTable(MutableMapping[str, V]):
    """A word table (word -> frequency, or word -> part of speech) read from SQLite, one
    entry at a time, each answer remembered. Entries set here (jieba's `add_word`) are
    kept in `added`."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._seen: dict[str, V | None] = {}
        self.added: dict[str, V] = {}

    def _lookup(self, key: str) -> V | None:
        if key in self._seen:
            return self._seen[key]
        with self._lock:
            row = self._db.execute("SELECT v FROM entries WHERE w = ?", (key,)).fetchone()
        value = None if row is None else row[0]
        self._seen[key] = value
        return value

    def __getitem__(self, key: str) -> V:
        value = self._lookup(key)
        if value is None:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._lookup(key) is not None

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        value = self._lookup(key)
        return default if value is None else value

    def __setitem__(self, key: str, value: V) -> None:
        self.added[key] = value
        self._seen[key] = value

    def __delitem__(self, key: str) -> None:
        raise NotImplementedError("the stored table is not edited here")

    def __iter__(self) -> Iterator[str]:
        with self._lock:
            words = [w for (w,) in self._db.execute("SELECT w FROM entries")]
        return iter(dict.fromkeys([*words, *self.added]))

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def value(self, name: str) -> Any:
        """A value stored beside the table (jieba's total frequency)."""
        with self._lock:
            return self._db.execute("SELECT v FROM extra WHERE k = ?", (name,)).fetchone()[0]


def write_table(path: Path, entries: dict[str, Any], extra: dict[str, Any]) -> None:
    """Write a stored table to a temporary file beside `path`, then rename it."""
    private_dir(path.parent)
    with tempfile.TemporaryDirectory(dir=path.parent) as folder:
        temporary = Path(folder) / "table.sqlite"
        db = sqlite3.connect(temporary)
        db.execute("CREATE TABLE entries (w TEXT PRIMARY KEY, v) WITHOUT ROWID")
        db.execute("CREATE TABLE extra (k TEXT PRIMARY KEY, v)")
        db.executemany("INSERT INTO entries VALUES (?, ?)", entries.items())
        db.executemany("INSERT INTO extra VALUES (?, ?)", extra.items())
        db.commit()
        db.close()
        temporary.replace(path)


def _store_path(tokenizer: Any) -> Path:
    import jieba

    with tokenizer.get_dict_file() as dictionary:
        source = Path(dictionary.name)
    key = source_key("freq", 1, jieba.__version__, files=(source,))
    return cache_dir() / f"jieba-freq-{key}.sqlite"


def open_stored(tokenizer: Any) -> bool:
    """Give a jieba tokenizer (`jieba.dt`) the stored dictionary instead of loading it
    whole. The first time, jieba loads it (as always) and the copy is written. False when
    the tokenizer holds the whole dictionary."""
    path = _store_path(tokenizer)
    if not path.exists():
        tokenizer.initialize()
        try:
            write_table(path, tokenizer.FREQ, {"total": tokenizer.total})
        except (OSError, sqlite3.Error) as exc:
            log.warning("Cannot store jieba's dictionary in %s (%s): loaded whole.", path, exc)
        return False
    try:
        stored: StoredTable[int] = StoredTable(path)
        total = stored.value("total")
    except sqlite3.Error:
        return False
    with tokenizer.lock:
        tokenizer.FREQ, tokenizer.total, tokenizer.initialized = stored, int(total), True
    return True


def load_whole(tokenizer: Any) -> None:
    """Replace the stored dictionary by the whole one (jieba's own cache file), with the
    entries added since (`add_word`); the total already counts them."""
    stored = tokenizer.FREQ
    if not isinstance(stored, StoredTable):
        return
    cache_file = Path(tokenizer.tmp_dir or tempfile.gettempdir()) / "jieba.cache"
    try:
        whole, _ = marshal.loads(cache_file.read_bytes())
    except (OSError, ValueError, EOFError):
        whole, _ = tokenizer.gen_pfdict(tokenizer.get_dict_file())
    whole.update(stored.added)
    tokenizer.FREQ = whole
