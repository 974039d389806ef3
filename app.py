"""Start the members' chat: `python app.py`.

It binds to ASSISTANT_HOST:ASSISTANT_PORT (127.0.0.1:7860 by default).

The first start builds the index from corpus/ if there is none yet.
"""

from __future__ import annotations

import sys

from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.pipeline import Assistant
from assistant.ui.app import build_ui
from assistant.ui.feedback import FeedbackStore
from assistant.ui.render import CSS


def main() -> None:
    settings = Settings()
    assistant = Assistant(settings)
    try:
        if assistant.store.live_name() is None:
            print(f"No index yet: building it from {settings.corpus_dir}/ ...", flush=True)
            report = assistant.ingest([settings.corpus_dir])
            print(f"Indexed {report.documents} document(s), {report.chunks} chunks.", flush=True)
        assistant.warm_up()
        print("Loading the local model ...", flush=True)
        assistant.llm().load()
    except AssistantError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    import gradio as gr
    import uvicorn
    from fastapi import FastAPI

    server = FastAPI()
    if settings.staff_user and settings.staff_password:
        from assistant.ui.staff import build_staff_ui

        staff = build_staff_ui(assistant)
        gr.mount_gradio_app(
            server, staff, path="/staff", auth=(settings.staff_user, settings.staff_password)
        )
        print("Staff page: /staff (login required)", flush=True)
    else:
        print("Staff page off: set ASSISTANT_STAFF_USER and ASSISTANT_STAFF_PASSWORD.", flush=True)
    members = build_ui(assistant, FeedbackStore(settings.feedback_path))
    gr.mount_gradio_app(server, members, path="", css=CSS)
    print(f"Members' chat: http://{settings.host}:{settings.port}/", flush=True)
    uvicorn.run(server, host=settings.host, port=settings.port, log_level="warning")


if __name__ == "__main__":
    main()
