"""Every parser failure is a typed error: exit 3 with a message, never a traceback; a
failed upload is not kept and never blocks a later one. Text encodings are detected."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.config import Settings
from assistant.ingest.loaders import load_document
from assistant.pipeline import Assistant
from assistant.ui.staff import remove_and_ingest, upload_and_ingest
from tests.conftest import SEED

BOMB = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)


def docx_with(path: Path, document_xml: str) -> Path:
    """A real .docx (made by python-docx) whose main part is replaced by `document_xml`."""
    import docx

    source = path.with_suffix(".src.docx")
    made = docx.Document()
    made.add_paragraph("研發開支。")
    made.save(str(source))
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w") as out:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "word/document.xml":
                data = document_xml.encode("utf-8")
            out.writestr(item, data)
    source.unlink()
    return path


@pytest.mark.parametrize(
    ("name", "document_xml"),
    [
        ("malformed.docx", "<w:document><w:body><w:p>unclosed"),
        ("bomb.docx", BOMB),
    ],
)
def test_hostile_word_files_exit_3_with_a_message(
    tmp_path: Path, name: str, document_xml: str
) -> None:
    bad = docx_with(tmp_path / name, document_xml)
    result = CliRunner().invoke(main, ["--index-dir", str(tmp_path / "index"), "ingest", str(bad)])
    assert result.exit_code == 3, result.output
    assert name in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "index" / "LIVE").exists()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes("創新科技發展藍圖 Blueprint 2032\n研發開支佔GDP 2%。\n".encode(encoding))
    doc = load_document(path)
    assert doc.text.startswith("創新科技發展藍圖 Blueprint 2032") and "\x00" not in doc.text


def test_binary_with_a_text_name_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 4)
    result = CliRunner().invoke(main, ["--index-dir", str(tmp_path / "index"), "ingest", str(path)])
    assert result.exit_code == 3 and "image.txt" in result.stderr


def test_a_failed_upload_is_not_kept_and_never_blocks_the_next(tmp_path: Path) -> None:
    uploads = tmp_path / "uploads"
    assistant = Assistant(Settings(index_dir=tmp_path / "index", uploads_dir=uploads))
    assistant.ingest([SEED.parent])
    bomb = docx_with(tmp_path / "bomb.docx", BOMB)
    message = upload_and_ingest(assistant, [str(bomb)])
    assert message.startswith("✗ bomb.docx") and "Traceback" not in message
    assert [p for p in uploads.iterdir() if p.is_file()] == []
    (uploads / "0123456789abcdef.docx").write_bytes(bomb.read_bytes())  # an older failure
    good = tmp_path / "note.txt"
    good.write_text("廠商會建議設立香港創新指數。\n", "utf-8")
    message = upload_and_ingest(assistant, [str(good)])
    assert "✓ note.txt → uploads/note.txt" in message and "added 1 (uploads/note.txt)" in message
    assert "⚠ quarantined 0123456789abcdef.docx" in message
    assert (uploads / ".quarantine" / "0123456789abcdef.docx").exists()
    removed = remove_and_ingest(assistant, "note.txt")
    assert "✓ removed uploads/note.txt" in removed and "removed 1 (uploads/note.txt)" in removed
    assert "uploads/note.txt" not in assistant.index.documents
    shutil.rmtree(uploads)
