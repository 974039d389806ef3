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
    demo = build_ui(assistant, FeedbackStore(settings.feedback_path))
    demo.launch(server_name=settings.host, server_port=settings.port, css=CSS, share=False)


if __name__ == "__main__":
    main()
