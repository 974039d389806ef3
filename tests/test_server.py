"""The web server's guards, on the real app in-process with a deterministic model: staff
login delay and lockout, no uploads in the members' chat, typed API input, and a limit
on the model requests one client may have waiting."""

from __future__ import annotations

import json
import logging
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.generate.llm import LanguageModel, Messages
from assistant.pipeline import Assistant
from assistant.ui.login import LoginGuard
from tests.browser import free_port


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_login_failures_slow_down_then_lock_out(caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    guard = LoginGuard("staff", "right", delay_s=0.5, max_failures=5, window_s=900, clock=clock)
    with caplog.at_level(logging.WARNING, logger="assistant.staff"):
        delays = [guard.check("staff", f"wrong{i}")[1] for i in range(5)]
    assert delays == [0.5, 1.0, 2.0, 4.0, 8.0]
    assert len(caplog.records) == 5 and "locked for 900 s" in caplog.records[-1].getMessage()
    assert all("wrong" not in r.getMessage() for r in caplog.records)  # never the password
    assert guard.check("staff", "right") == (False, 0.5)  # locked, even with the password
    clock.now += 901
    assert guard.check("staff", "right") == (True, 0.0)
    assert guard.check("staff", "wrong")[1] == 0.5  # a success clears the count


class BlockingModel(LanguageModel):
    """Writes one fixed, verifiable sentence once `release` is set."""

    id = "blocking"

    def __init__(self) -> None:
        self.release = threading.Event()

    def stream(self, messages: Messages, max_tokens: int) -> Iterator[str]:
        self.release.wait(60)
        yield "《藍圖》的目標為1.5% [1]。"


def post(url: str, data: bytes, content_type: str) -> tuple[int, str]:
    request = urllib.request.Request(url, data=data, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return int(reply.status), reply.read().decode()
    except urllib.error.HTTPError as error:
        return int(error.code), error.read().decode()


@pytest.fixture(scope="module")
def served(
    index_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, BlockingModel]]:
    import uvicorn

    from assistant.ui.server import build_server

    folder = tmp_path_factory.mktemp("served")
    settings = Settings(
        index_dir=index_dir,
        staff_user="staff",
        staff_password="right",
        staff_login_delay_s=0.01,
        uploads_dir=folder / "uploads",
        feedback_path=folder / "feedback.jsonl",
        max_waiting_per_client=2,
    )
    model = BlockingModel()
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(build_server(Assistant(settings, llm=model)), port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive()
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}/", model
    model.release.set()
    server.should_exit = True
    thread.join(10)


def test_members_cannot_upload_files(served: tuple[str, BlockingModel]) -> None:
    url, _ = served
    part = b'Content-Disposition: form-data; name="files"; filename="x.txt"'
    body = b"--b\r\n" + part + b"\r\n\r\nhi\r\n--b--\r\n"
    status, detail = post(url + "gradio_api/upload", body, "multipart/form-data; boundary=b")
    assert status == 403 and "not accepted" in detail
    status, _ = post(url + "staff/gradio_api/upload", body, "multipart/form-data; boundary=b")
    assert status == 401  # the staff page's own upload needs a login


def test_staff_login_locks_after_repeated_failures(served: tuple[str, BlockingModel]) -> None:
    url, _ = served

    def login(password: str) -> int:
        form = urllib.parse.urlencode({"username": "staff", "password": password}).encode()
        return post(url + "staff/login", form, "application/x-www-form-urlencoded")[0]

    assert login("right") == 200
    assert [login(f"guess{i}") for i in range(5)] == [400] * 5
    assert login("right") == 400  # locked out


def test_api_input_is_type_checked(served: tuple[str, BlockingModel]) -> None:
    from gradio_client import Client

    client = Client(served[0], verbose=False)
    for bad in (123, ["a"], {"q": "x"}):
        reply = client.predict(bad, api_name="/evidence")
        assert reply == {"error": reply["error"]} and "must be text" in reply["error"]
    assert "must be text" in json.loads(client.predict(None, api_name="/answer"))["error"]


def test_one_client_may_queue_only_a_few_model_requests(served: tuple[str, BlockingModel]) -> None:
    from gradio_client import Client

    url, model = served
    client = Client(url, verbose=False)
    question = "2027年製造業佔GDP的目標係幾多？"
    jobs = [client.submit(question, api_name="/answer") for _ in range(2)]
    time.sleep(2)  # both joined: one running (held by the model), one waiting
    with pytest.raises(Exception, match="429"):
        client.submit(question, api_name="/answer").result(timeout=30)
    model.release.set()
    for job in jobs:
        final = json.loads(job.result(timeout=60))
        assert final["mode"] == "llm" and "1.5%" in final["answer"]
