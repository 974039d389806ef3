"""Index versions share vector segments: a new version embeds and stores only what is new,
old versions keep reading their own vectors, garbage collection keeps what kept versions
need, and a failed build leaves the live version serving."""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from assistant.embed.base import Embedder, Vector
from assistant.index import reuse
from assistant.index import store as store_module
from assistant.index.progress import IngestProgress
from assistant.index.segments import vector_key
from assistant.index.store import KEEP_VERSIONS, IndexStore
from assistant.ingest.chunking import chunk_document
from assistant.ingest.loaders import load_document
from assistant.types import Chunk, Document
from tests.conftest import ROOT


class CharEmbedder(Embedder):
    """A real, deterministic embedder: hashed character bigrams, L2-normalised."""

    id = "char-bigrams-test"
    dimension = 64

    def _encode(self, texts: Sequence[str]) -> list[Vector]:
        vectors = []
        for text in texts:
            vector = [0.0] * self.dimension
            for a, b in itertools.pairwise(text):
                vector[hashlib.md5((a + b).encode()).digest()[0] % self.dimension] += 1.0
            norm = math.sqrt(sum(x * x for x in vector)) or 1.0
            vectors.append([x / norm for x in vector])
        return vectors


PARAGRAPHS = {
    "a.md": ["深圳計劃於2029年前擴大人工智能領域的專項基金。", "深圳的初創企業數目持續上升。"],
    "b.md": ["Singapore plans to expand a matching grant by 2031.", "Officials back new land."],
    "c.md": ["澳門的數據中心總容量為120兆瓦。", "業界建議簡化申請程序。"],
}


def write(folder: Path, name: str, paragraphs: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"# {name}\n\n" + "\n\n".join(paragraphs) + "\n", "utf-8")


def read(folder: Path) -> tuple[list[Document], list[Chunk]]:
    documents = [load_document(p, 10**7, 30) for p in sorted(folder.glob("*.md"))]
    return documents, [c for d in documents for c in chunk_document(d)]


def build(store: IndexStore, folder: Path, embedder: Embedder) -> str:
    documents, chunks = read(folder)
    return store.build(documents, chunks, embedder)


def stored_segments(store: IndexStore) -> set[str]:
    """Segments with a key list on disk; their Chroma collections must be the same set."""
    listed = {p.name for p in store.segments.folder.iterdir() if (p / "keys.json").exists()}
    collections = store.segments.collection(next(iter(listed))).client.list_collections()
    assert {c.name for c in collections} == {f"seg-{s}" for s in listed}
    return listed


def text_with(folder: Path, words: str) -> str:
    """The embedded text of the chunk that contains `words`."""
    return next(c.index_text for c in read(folder)[1] if words in c.index_text)


def owned_search(store: IndexStore, embedder: Embedder, name: str, text: str) -> list[str]:
    index = store.open(embedder, name)
    return [cid for cid, sim in index.vectors.search(embedder.embed_query(text), 3) if sim > 0.99]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    for name, paragraphs in PARAGRAPHS.items():
        write(tmp_path / "corpus", name, paragraphs)
    return tmp_path / "corpus"


def test_a_change_embeds_stores_and_tokenizes_only_the_new_passage(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, embedder = IndexStore(tmp_path / "index"), CharEmbedder()
    first = build(store, corpus, embedder)
    (first_segment,) = [s["id"] for s in store.manifest(first)["segments"]]
    first_keys = store.segments.keys(first_segment)
    tokenized: list[str] = []
    real = reuse.tokenize

    def counting(text: str) -> list[str]:
        tokenized.append(text)
        return real(text)

    monkeypatch.setattr(reuse, "tokenize", counting)
    write(corpus, "a.md", [PARAGRAPHS["a.md"][0], "深圳的初創企業數目增至3000間。"])
    counted = embedder.texts_embedded
    second = build(store, corpus, embedder)
    assert embedder.texts_embedded - counted == 1
    assert len(tokenized) == 1 and "3000" in tokenized[0]
    segments = {s["id"]: s for s in store.manifest(second)["segments"]}
    new = [s for s in segments if s != first_segment]
    assert len(new) == 1 and store.segments.keys(new[0]) == [vector_key(embedder.id, tokenized[0])]
    # The first segment is read, not copied: same keys, one fewer of them owned.
    assert store.segments.keys(first_segment) == first_keys
    assert segments[first_segment]["owned"] == len(first_keys) - 1
    # Unchanged documents' texts are the same files (hard links), not copies.
    doc_b = next((store.versions / first / "documents").glob("*.txt"))
    assert (store.versions / second / "documents" / doc_b.name).stat().st_nlink == 2


def test_each_version_searches_only_its_own_vectors(tmp_path: Path, corpus: Path) -> None:
    store, embedder = IndexStore(tmp_path / "index"), CharEmbedder()
    first = build(store, corpus, embedder)
    old_snapshot = store.open(embedder, first)
    old_text = text_with(corpus, "120兆瓦")
    write(corpus, "c.md", ["澳門的數據中心總容量為150兆瓦。", PARAGRAPHS["c.md"][1]])
    second = build(store, corpus, embedder)
    new_text = text_with(corpus, "150兆瓦")
    assert owned_search(store, embedder, first, old_text)
    assert not owned_search(store, embedder, first, new_text)
    assert owned_search(store, embedder, second, new_text)
    assert not owned_search(store, embedder, second, old_text)
    # A question holding the first version keeps reading it after the second went live.
    hits = old_snapshot.vectors.search(embedder.embed_query(old_text), 1)
    assert hits and hits[0][0] in old_snapshot.chunks
    # Rollback makes the first version's vectors live again.
    assert store.rollback(first) == first and store.live_name() == first
    assert owned_search(store, embedder, first, old_text)


def test_garbage_collection_keeps_what_kept_versions_read(tmp_path: Path, corpus: Path) -> None:
    store, embedder = IndexStore(tmp_path / "index"), CharEmbedder()
    names = [build(store, corpus, embedder)]
    for round_ in range(KEEP_VERSIONS + 3):
        write(corpus, "b.md", [f"Singapore plans round {round_} of grants.", "Officials agree."])
        names.append(build(store, corpus, embedder))
    kept = [v["name"] for v in store.list_versions()]
    # (Names carry the second, so builds within one second may sort either way.)
    assert len(kept) == KEEP_VERSIONS and names[-1] in kept and set(kept) < set(names)
    referenced = {s["id"] for name in kept for s in store.manifest(name)["segments"]}
    assert stored_segments(store) == referenced
    for name in kept:
        manifest = store.manifest(name)
        assert len(manifest["segments"]) <= reuse.MAX_SEGMENTS
        index = store.open(embedder, name)
        for chunk in index.chunks.values():
            found = index.vectors.search(embedder.embed_query(chunk.index_text), 1)
            assert found[0][1] > 0.99


def test_a_failed_build_leaves_the_live_version_and_is_cleaned_up(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, embedder = IndexStore(tmp_path / "index"), CharEmbedder()
    first = build(store, corpus, embedder)
    before = stored_segments(store)
    write(corpus, "d.md", ["杭州計劃推動新材料產業。"])

    def crash(*args: object) -> None:
        raise RuntimeError("killed after the new vectors were stored")

    monkeypatch.setattr(store_module, "check_counts", crash)
    with pytest.raises(RuntimeError, match="killed"):
        build(store, corpus, embedder)
    assert store.live_name() == first
    assert owned_search(store, embedder, first, text_with(corpus, "持續上升"))
    monkeypatch.undo()
    # The vectors the failed build stored are taken, not embedded again.
    counted = embedder.texts_embedded
    resumed = build(store, corpus, embedder)
    assert embedder.texts_embedded == counted and store.live_name() == resumed
    (corpus / "d.md").unlink()
    write(corpus, "e.md", ["東京計劃擴大數碼基建。"])
    third = build(store, corpus, embedder)
    assert {v["name"] for v in store.list_versions()} == {first, resumed, third}
    referenced = {s["id"] for v in (first, resumed, third) for s in store.manifest(v)["segments"]}
    assert stored_segments(store) == referenced
    assert before <= referenced


def test_generated_corpus_is_reproducible(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus_gen import write_corpus

    one = write_corpus(tmp_path / "one", 3, seed=7)
    two = write_corpus(tmp_path / "two", 3, seed=7)
    other = write_corpus(tmp_path / "other", 3, seed=8)
    for a, b in zip(one, two, strict=True):
        assert a.read_bytes() == b.read_bytes()
        assert json.loads(Path(f"{a}.meta.json").read_text("utf-8"))["speaker"] == "other"
    assert [p.read_bytes() for p in one] != [p.read_bytes() for p in other]
    chunks = [c for p in one for c in chunk_document(load_document(p, 10**7, 30))]
    assert len(chunks) > 30 and any(c.row is not None for c in chunks)


def test_progress_line_gives_rate_and_time_left() -> None:
    now = [0.0]
    shown = IngestProgress(clock=lambda: now[0])
    assert shown.line("embed", 0, 1000) == "embedding 0/1,000 chunks"
    now[0] = 10.0
    assert shown.line("embed", 400, 1000) == (
        "embedding 400/1,000 chunks · 40 chunks/s · about 15 s left"
    )
    now[0] = 25.0
    assert shown.line("embed", 1000, 1000) == "embedding 1,000/1,000 chunks · 40 chunks/s"


def test_chunk_records_are_what_to_dict_gives() -> None:
    from assistant.index.documents import chunk_record
    from tests.conftest import SEED

    chunks = chunk_document(load_document(SEED, 10**7, 30))
    assert any(c.row is not None for c in chunks)
    for chunk in chunks:
        assert json.dumps(chunk_record(chunk)) == json.dumps(chunk.to_dict())
        assert Chunk.from_dict(json.loads(json.dumps(chunk_record(chunk)))) == chunk


def test_kept_documents_records_pass_through_unchanged(tmp_path: Path, corpus: Path) -> None:
    """A build that keeps unchanged documents' records writes the same version as one that
    chunks every document again."""
    embedder = CharEmbedder()
    kept_store, full_store = IndexStore(tmp_path / "kept"), IndexStore(tmp_path / "full")
    for store in (kept_store, full_store):
        build(store, corpus, embedder)
    write(corpus, "a.md", [PARAGRAPHS["a.md"][0], "深圳的初創企業數目增至3000間。"])
    documents, chunks = read(corpus)
    assert kept_store.can_keep(kept_store.live_name(), embedder)
    new = [c for c in chunks if c.doc_id == "a.md"]
    kept = kept_store.build(documents, new, embedder, kept={"b.md", "c.md"})
    full = full_store.build(documents, chunks, embedder)
    for name in ("chunks.jsonl", "tokens.json", "keys.json"):
        assert (kept_store.versions / kept / name).read_text("utf-8") == (
            full_store.versions / full / name
        ).read_text("utf-8")
    opened = kept_store.open(embedder, kept)
    assert list(opened.chunks) == [c.chunk_id for c in chunks]
