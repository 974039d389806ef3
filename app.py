"""Start the members' chat: `python app.py`.

It binds to ASSISTANT_HOST:ASSISTANT_PORT (127.0.0.1:7860 by default).

The first start builds the index from corpus/ and the staff uploads if there is none yet.
"""

from __future__ import annotations

import sys

from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.ingest.uploads import indexed_sources
from assistant.pipeline import Assistant
from assistant.private_files import restrict_umask


def main() -> None:
    restrict_umask()  # index, logs, feedback and uploads: readable by this user only
    settings = Settings()
    assistant = Assistant(settings)
    try:
        if assistant.store.live_name() is None:
            print(f"No index yet: building it from {settings.corpus_dir}/ ...", flush=True)
            sources, moved = indexed_sources(settings.corpus_dir, settings.uploads_dir)
            for line in moved:
                print(f"Quarantined upload {line}", flush=True)
            report = assistant.ingest(sources)
            print(f"Indexed {report.documents} document(s), {report.chunks} chunks.", flush=True)
        assistant.warm_up()
        print("Loading the local model ...", flush=True)
        assistant.llm().load()
    except AssistantError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    import uvicorn

    from assistant.ui.server import build_server

    server = build_server(assistant)
    if settings.staff_user and settings.staff_password:
        print("Staff page: /staff (login required)", flush=True)
    else:
        print("Staff page off: set ASSISTANT_STAFF_USER and ASSISTANT_STAFF_PASSWORD.", flush=True)
    print(f"Members' chat: http://{settings.host}:{settings.port}/", flush=True)
    uvicorn.run(server, host=settings.host, port=settings.port, log_level="warning")


if __name__ == "__main__":
    main()
