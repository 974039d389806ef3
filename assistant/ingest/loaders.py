"""Read supported files into `Document`s. Unknown or unreadable files are rejected.

Each loader returns plain text; offsets in chunks and citations index that text,
which the index stores beside the chunks so quotes can be re-checked verbatim.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from assistant.errors import InputError, UnsupportedFileError
from assistant.ingest.guards import check_name, check_zip, guarded, with_time_limit
from assistant.ingest.metadata import SIDECAR, declared
from assistant.types import Document

SUPPORTED = (".txt", ".md", ".pdf", ".docx", ".html", ".htm")


def _supported_list() -> str:
    return ", ".join(SUPPORTED)


def _encoding(raw: bytes) -> str:
    """UTF-8, or UTF-16 with a byte-order mark or without one (detected from where the
    zero bytes fall: ASCII and CJK text in UTF-16 has them at even or odd offsets)."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    sample = raw[:4096]
    if b"\x00" not in sample:
        return "utf-8-sig"
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 2 * even and odd >= len(sample) // 8:
        return "utf-16-le"
    if even > 2 * odd and even >= len(sample) // 8:
        return "utf-16-be"
    return "binary"


def _read_text(path: Path) -> tuple[str, str | None]:
    raw = path.read_bytes()
    encoding = _encoding(raw)
    if encoding == "binary":
        raise UnsupportedFileError(
            f"{path}: this is not a text file (it has zero bytes). Save it as UTF-8 text."
        )
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnsupportedFileError(
            f"{path}: not valid {encoding.upper().replace('-SIG', '')} text (byte {exc.start}). "
            "Save it as UTF-8 and ingest again."
        ) from exc
    if "\x00" in text:
        raise UnsupportedFileError(f"{path}: the text has NUL characters. Save it as UTF-8.")
    # Universal newlines, as a text-mode read would give.
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def _read_markdown(path: Path) -> tuple[str, str | None]:
    text, _ = _read_text(path)
    match = re.search(r"^#\s+(.+)$", text, flags=re.MULTILINE)
    return text, match.group(1).strip() if match else None


def _read_pdf(path: Path) -> tuple[str, str | None]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise UnsupportedFileError(
                f"{path}: the PDF is encrypted. Save an unprotected copy and ingest that."
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise UnsupportedFileError(
            f"{path}: the PDF could not be read ({exc}). Check the file opens, or re-export it."
        ) from exc
    text = "\n\n".join(page.strip() for page in pages)
    if not text.strip():
        raise UnsupportedFileError(
            f"{path}: the PDF has no text layer (a scan?). Run OCR on it first, then ingest."
        )
    title = reader.metadata.title if reader.metadata else None
    return text, title


def _read_docx(path: Path) -> tuple[str, str | None]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, ValueError, KeyError, OSError) as exc:
        raise UnsupportedFileError(
            f"{path}: the Word file could not be read ({exc}). Re-save it as .docx."
        ) from exc
    lines: list[str] = []
    for paragraph in document.paragraphs:
        lines.append(paragraph.text)
    for table in document.tables:
        lines.append("")
        for row in table.rows:
            lines.append("\t".join(cell.text.strip() for cell in row.cells))
    return "\n".join(lines), document.core_properties.title or None


def _read_html(path: Path) -> tuple[str, str | None]:
    from bs4 import BeautifulSoup

    source, _ = _read_text(path)
    soup = BeautifulSoup(source, "html.parser")
    for tag in soup(["script", "style", "noscript"]):
        tag.decompose()
    title = soup.title.get_text(strip=True) if soup.title else None
    lines: list[str] = []
    for element in soup.find_all(["h1", "h2", "h3", "h4", "p", "li", "tr"]):
        if element.name == "tr":
            cells = [c.get_text(" ", strip=True) for c in element.find_all(["td", "th"])]
            lines.append("\t".join(cells))
        elif element.name.startswith("h"):
            lines.extend(["", "#" * int(element.name[1]) + " " + element.get_text(strip=True), ""])
        else:
            lines.append(element.get_text(" ", strip=True))
    return "\n".join(lines), title


_LOADERS: dict[str, Callable[[Path], tuple[str, str | None]]] = {
    ".txt": _read_text,
    ".md": _read_markdown,
    ".pdf": _read_pdf,
    ".docx": _read_docx,
    ".html": _read_html,
    ".htm": _read_html,
}


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip().lstrip("#").strip()[:120]
    return ""


SLOW_TYPES = (".pdf", ".docx", ".html", ".htm")


def load_document(
    path: Path, max_bytes: int | None = None, parse_timeout: float | None = None
) -> Document:
    """Load one file. Raises `UnsupportedFileError` naming the file and the fix.

    Complex formats are parsed in a child process with a time limit when one is given."""
    check_name(path)
    suffix = path.suffix.lower()
    if suffix not in _LOADERS:
        raise UnsupportedFileError(
            f"{path}: unsupported file type '{suffix or '(none)'}'. "
            f"Supported types: {_supported_list()}."
        )
    if not path.is_file():
        raise UnsupportedFileError(f"{path}: no such file. Check the path and try again.")
    size = path.stat().st_size
    if size == 0:
        raise UnsupportedFileError(f"{path}: the file is empty. Nothing to ingest.")
    if max_bytes is not None and size > max_bytes:
        raise UnsupportedFileError(
            f"{path}: {size} bytes is over the {max_bytes}-byte limit "
            "(ASSISTANT_MAX_FILE_BYTES). Split the file or raise the limit."
        )
    if suffix == ".docx":
        check_zip(path, max_bytes or 500_000_000)
    meta = declared(path)
    text, title = _parse(path, suffix, parse_timeout)
    if not text.strip():
        raise UnsupportedFileError(f"{path}: no text could be extracted. Nothing to ingest.")
    content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(
        # The full file name: x.txt and x.md are two documents.
        doc_id=meta.doc_id or path.name,
        title=(meta.title or title or _first_line(text) or path.stem).strip(),
        path=str(path),
        text=text,
        content_hash=content_hash,
        file_type=suffix.lstrip("."),
        speaker=meta.speaker,
        publisher=meta.publisher,
        date=meta.date,
        sections=meta.sections,
        names=meta.names,
        aliases=meta.aliases,
    )


def _parse(path: Path, suffix: str, parse_timeout: float | None) -> tuple[str, str | None]:
    """Run the file type's parser. Whatever a parser raises on a malformed or hostile file
    (XML errors, entity bombs, broken zips) becomes one typed error naming the file."""
    if parse_timeout and suffix in SLOW_TYPES:
        return with_time_limit(_LOADERS[suffix], path, parse_timeout)
    return guarded(_LOADERS[suffix], path)


def refuse_duplicates(documents: Sequence[Document]) -> None:
    """Two files that would be one document (the same name in two folders) stop the ingest."""
    seen: dict[str, str] = {}
    for doc in documents:
        if doc.doc_id in seen:
            raise InputError(
                f"Two documents have the name '{doc.doc_id}': {seen[doc.doc_id]} and {doc.path}. "
                "Rename or remove one, then ingest again; nothing was changed."
            )
        seen[doc.doc_id] = doc.path


def discover(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into their files (sorted, hidden files skipped); keep files as given."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and not p.name.endswith(SIDECAR)
                and not any(part.startswith(".") for part in p.parts[len(path.parts) :])
            )
        elif path.exists():
            found.append(path)
        else:
            raise UnsupportedFileError(f"{path}: no such file or folder. Check the path.")
    return found
