"""Loaders for each supported type, and clear errors for everything else."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from fpdf import FPDF

from assistant.errors import UnsupportedFileError
from assistant.ingest.chunking import chunk_document
from assistant.ingest.loaders import discover, load_document


def test_unsupported_type_names_the_file_and_supported_types(tmp_path: Path) -> None:
    path = tmp_path / "figures.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a spreadsheet")
    with pytest.raises(UnsupportedFileError) as error:
        load_document(path)
    message = str(error.value)
    assert "figures.xlsx" in message
    assert "'.xlsx'" in message
    assert ".txt, .md, .pdf, .docx, .html" in message


def test_empty_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("")
    with pytest.raises(UnsupportedFileError, match=r"empty\.txt: the file is empty"):
        load_document(path)


def test_non_utf8_text_is_rejected_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "big5.txt"
    path.write_bytes("製造業佔本地生產總值".encode("big5"))
    with pytest.raises(UnsupportedFileError, match="Save it as UTF-8"):
        load_document(path)


def test_oversized_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "large.txt"
    path.write_text("x" * 2000)
    with pytest.raises(UnsupportedFileError, match="over the 1000-byte limit"):
        load_document(path, max_bytes=1000)


def test_corrupt_pdf_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not a pdf body")
    with pytest.raises(UnsupportedFileError, match=r"broken\.pdf"):
        load_document(path)


def test_markdown_headings_become_sections(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# 創科筆記\n\n## 土地\n\n政府會增加創科土地。亦會提升基建配套。\n", "utf-8")
    doc = load_document(path)
    assert doc.title == "創科筆記"
    chunks = chunk_document(doc)
    assert chunks[-1].section == ("創科筆記", "土地")
    assert chunks[-1].passage == "政府會增加創科土地。亦會提升基建配套。"


def test_html_keeps_headings_and_table_rows(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Targets</title><script>alert(1)</script></head><body>"
        "<h2>Indicators</h2><table><tr><th>Indicator</th><th>2027</th></tr>"
        "<tr><td>Unicorns</td><td>18</td></tr></table></body></html>",
        "utf-8",
    )
    doc = load_document(path)
    assert doc.title == "Targets"
    assert "alert" not in doc.text
    row = next(c for c in chunk_document(doc) if c.kind == "table_row")
    assert row.row is not None and row.row.values == ("18",)
    assert row.row.columns == ("2027",)


def test_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    path = tmp_path / "memo.docx"
    document = docx.Document()
    document.core_properties.title = "Memo"
    document.add_paragraph("The association proposes a Hong Kong innovation index.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Indicator", "2032"
    table.cell(1, 0).text, table.cell(1, 1).text = "Manufacturing share", "5%"
    document.save(str(path))
    doc = load_document(path)
    assert doc.title == "Memo"
    assert "innovation index" in doc.text
    assert "Manufacturing share\t5%" in doc.text


def test_pdf_text_layer_is_read(tmp_path: Path) -> None:
    path = tmp_path / "policy.pdf"
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(text="Manufacturing share of GDP target: 5% by 2032.")
    pdf.output(str(path))
    doc = load_document(path)
    assert "5% by 2032" in doc.text
    assert load_document(path, parse_timeout=30) == doc  # the same through the child process


def test_pdf_without_text_layer_says_so(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)  # a drawing, no text: what a scan looks like to a parser
    pdf.output(str(path))
    with pytest.raises(UnsupportedFileError, match="no text layer"):
        load_document(path)


def test_discover_skips_hidden_files_and_rejects_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("甲。")
    (tmp_path / ".hidden.txt").write_text("乙。")
    assert discover([tmp_path]) == [tmp_path / "a.txt"]
    with pytest.raises(UnsupportedFileError, match="no such file or folder"):
        discover([tmp_path / "missing"])


@pytest.mark.parametrize(
    "name", ["..secret.txt", "a..b.txt", "bad|name.txt", "semi;colon.md", "x<y>.html"]
)
def test_odd_or_traversing_file_names_are_rejected(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("研發。", "utf-8")
    with pytest.raises(UnsupportedFileError, match="characters that are not allowed"):
        load_document(path)


def test_chinese_names_with_spaces_and_brackets_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "施政報告 2023（摘要）.txt"
    path.write_text("研發。", "utf-8")
    assert load_document(path).doc_id == "施政報告 2023（摘要）.txt"


def test_a_zip_bomb_docx_is_not_opened(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "0" * 20_000_000)
    with pytest.raises(UnsupportedFileError, match="decompression bomb"):
        load_document(path)


def slow_parser(path: Path) -> tuple[str, None]:
    """A parser that hangs, as a malicious PDF can make a real one do."""
    import time

    time.sleep(30)
    return "never", None


def test_parsing_stops_at_the_time_limit(tmp_path: Path) -> None:
    import time

    from assistant.ingest import guards

    started = time.monotonic()
    with pytest.raises(UnsupportedFileError, match="parsing took longer than 1 s"):
        guards.with_time_limit(slow_parser, tmp_path / "x.pdf", 1)
    assert time.monotonic() - started < 10
