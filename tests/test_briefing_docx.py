"""The Word briefing, opened with python-docx: every quote verbatim in its source, every
marker with its quote, the chart for a target question, two columns for two sides; and
the file opens in LibreOffice."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from assistant.cli import main
from assistant.pipeline import Assistant


def quotes_of(document: object) -> dict[int, str]:
    """[n] -> quote, from the block-quote paragraphs (body and table cells)."""
    paragraphs = list(document.paragraphs)  # type: ignore[attr-defined]
    for table in document.tables:  # type: ignore[attr-defined]
        for cell in table._cells:
            paragraphs += cell.paragraphs
    found = {}
    for p in paragraphs:
        if p.style.name == "Quote":
            marker, _, quote = p.text.partition("] ")
            found[int(marker.lstrip("["))] = quote
    return found


def export(index_dir: Path, tmp_path: Path, question: str, *flags: str) -> Path:
    path = tmp_path / "briefing.docx"
    result = CliRunner().invoke(
        main, ["--index-dir", str(index_dir), "ask", question, "--docx", str(path), *flags]
    )
    assert result.exit_code == 0, result.output
    return path


def check_quotes(assistant: Assistant, path: Path, question: str, compare: bool) -> object:
    answer = assistant.evidence(question, compare=compare).answer
    document = Document(str(path))
    quotes = quotes_of(document)
    index = assistant.index
    assert set(quotes) == {c.n for c in answer.citations}
    for c in answer.citations:
        assert quotes[c.n] == c.quote  # verbatim
        assert c.quote in index.documents[index.chunks[c.chunk_id].doc_id]
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(cell.text for table in document.tables for cell in table._cells)
    for marker in re.findall(r"\[(\d+)\]", text + cells):
        assert int(marker) in quotes
    assert question in text
    assert "Corpus version " + index.name in text
    assert "香港中華廠商聯合會" in text + cells  # the publisher, as declared
    assert "2023-01" in text + cells  # the date, as declared
    return document


def test_target_answer_has_quotes_markers_and_chart(
    assistant: Assistant, index_dir: Path, tmp_path: Path
) -> None:
    question = "2027年製造業佔GDP的目標係幾多？"
    path = export(index_dir, tmp_path, question)
    document = check_quotes(assistant, path, question, compare=False)
    assert len(document.inline_shapes) == 1  # type: ignore[attr-defined]
    images = [r for r in document.part.rels.values() if "image" in r.reltype]  # type: ignore[attr-defined]
    assert images and images[0].target_part.blob[:8] == b"\x89PNG\r\n\x1a\n"
    converts_in_libreoffice(path, tmp_path)


def test_two_sides_are_two_columns(assistant: Assistant, index_dir: Path, tmp_path: Path) -> None:
    question = "藍圖與廠商會對新型工業化的看法"
    path = export(index_dir, tmp_path, question, "--compare-speakers")
    document = check_quotes(assistant, path, question, compare=True)
    table = document.tables[0]  # type: ignore[attr-defined]
    assert len(table.columns) == 2
    assert table.cell(0, 0).text.startswith("政府《藍圖》")  # the declared names (sidecar)
    assert table.cell(0, 1).text.startswith("廠商會評論")
    converts_in_libreoffice(path, tmp_path)


def converts_in_libreoffice(path: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed: scripts/setup.sh --dev installs it")
    out = tmp_path / "pdf"
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    pdf = out / (path.stem + ".pdf")
    assert result.returncode == 0 and pdf.exists(), result.stdout + result.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
