"""The staff page through the real app over HTTP: login, upload, bad files, eval button."""

from __future__ import annotations

import shutil
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.pipeline import Assistant
from assistant.ui.staff import run_eval, upload_and_ingest
from tests.browser import running_app
from tests.conftest import SEED

pytestmark = pytest.mark.slow


def status_of(url: str, data: dict[str, str] | None = None) -> int:
    body = urllib.parse.urlencode(data).encode() if data else None
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=body), timeout=10) as reply:
            return int(reply.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_login_protects_the_upload_and_uploads_update_the_index(tmp_path: Path) -> None:
    from gradio_client import Client, handle_file

    index = tmp_path / "index"
    Assistant(Settings(index_dir=index)).ingest([SEED.parent])
    uploads = tmp_path / "uploads"
    extra = {
        "ASSISTANT_STAFF_USER": "staff",
        "ASSISTANT_STAFF_PASSWORD": "correct horse",
        "ASSISTANT_UPLOADS_DIR": str(uploads),
    }
    edition = tmp_path / "新版評論 2024.txt"
    edition.write_text(SEED.read_text("utf-8").replace("2542 8611", "2542 8699"), "utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with running_app(index, tmp_path / "feedback.jsonl", 180, None, **extra) as url:
        staff = url + "staff/"
        assert status_of(staff + "config") == 401
        assert status_of(staff + "login", {"username": "staff", "password": "wrong"}) == 400
        assert status_of(staff + "login", {"username": "staff", "password": "correct horse"}) == 200
        with pytest.raises(Exception):  # noqa: B017 - the client raises its own error types
            Client(staff, verbose=False)
        live_before = (index / "LIVE").read_text()
        client = Client(staff, auth=("staff", "correct horse"), verbose=False)
        form = ("uploaded", "", "", "")  # speaker, title, publisher, date
        refused = client.predict([handle_file(str(empty))], *form, api_name="/on_add")[0]
        assert "✗ empty.txt" in refused and "the file is empty" in refused
        assert (index / "LIVE").read_text() == live_before
        result, choices = client.predict([handle_file(str(edition))], *form, api_name="/on_add")
    assert "✓ 新版評論 2024.txt → uploads/新版評論 2024.txt" in result
    assert "added 1 (uploads/新版評論 2024.txt)" in result
    assert "新版評論 2024.txt" in str(choices)  # the remove list shows the new upload
    assert (index / "LIVE").read_text() != live_before
    stored = [p.name for p in uploads.iterdir()]
    assert len(stored) == 2 and all("新版" not in name for name in stored)  # generated names
    assert any(name.endswith(".meta.json") for name in stored)


def test_upload_handler_reports_bad_names_and_the_eval_button_reports(tmp_path: Path) -> None:
    index = tmp_path / "index"
    assistant = Assistant(Settings(index_dir=index, uploads_dir=tmp_path / "uploads"))
    assistant.ingest([SEED.parent])
    odd = tmp_path / "a..b.txt"
    shutil.copy(SEED, odd)
    message = upload_and_ingest(assistant, [str(odd)])
    assert "✗ a..b.txt" in message and "not allowed" in message
    assert upload_and_ingest(assistant, None).startswith("請先選擇文件")
    report = run_eval(assistant)
    assert "## Splits side by side" in report and "| metric | dev | test |" in report
    assert "# dev" in report and "# test" in report
