"""The members' chat: layout and wiring only; behaviour lives in ui/handlers.py."""

from __future__ import annotations

from typing import Any

from assistant.errors import AssistantError
from assistant.messages import CHAT
from assistant.pipeline import Assistant
from assistant.ui import handlers
from assistant.ui.feedback import FeedbackStore
from assistant.ui.render import sources_html

COPY_JS = "(text) => { navigator.clipboard && navigator.clipboard.writeText(text); return text; }"


def build_ui(assistant: Assistant, feedback_store: FeedbackStore) -> Any:
    import gradio as gr

    settings = assistant.settings
    with gr.Blocks(title=CHAT["title"]) as demo:
        session = gr.State(handlers.Session())
        gr.Markdown(CHAT["heading"])
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=320):
                chat = gr.Chatbot(label=CHAT["conversation"], height=460, elem_id="chat")
                status = gr.Markdown("", elem_id="status")
                question = gr.Textbox(
                    label=CHAT["question"],
                    placeholder=CHAT["placeholder"],
                    max_length=settings.max_question_chars,
                    max_lines=3,
                    elem_id="question",
                )
                compare = gr.Checkbox(
                    label=CHAT["compare"],
                    elem_id="compare-toggle",
                )
                with gr.Row():
                    ask = gr.Button(CHAT["ask"], variant="primary", elem_id="ask")
                    stop = gr.Button(CHAT["stop"], elem_id="stop")
                    clear = gr.Button(CHAT["clear"], elem_id="clear")
                gr.Examples(handlers.examples(assistant), inputs=question, label=CHAT["examples"])
            with gr.Column(scale=2, min_width=300):
                gr.Markdown(CHAT["sources"])
                sources = gr.HTML(sources_html(None), elem_id="sources")
                with gr.Accordion(CHAT["markdown_briefing"], open=False):
                    copy = gr.Button(CHAT["copy"], elem_id="copy-briefing")
                    briefing = gr.Textbox(
                        label="Markdown", lines=8, elem_id="briefing", buttons=["copy"]
                    )
                with gr.Accordion(CHAT["word_briefing"], open=False):
                    chosen = gr.CheckboxGroup([], label=CHAT["include"], elem_id="briefing-choice")
                    make_docx = gr.Button(CHAT["download"], elem_id="download-docx")
                    docx_file = gr.File(label=CHAT["briefing"], elem_id="briefing-file")
                with gr.Accordion(CHAT["feedback"], open=False):
                    comment = gr.Textbox(label=CHAT["comment"], lines=2, elem_id="comment")
                    with gr.Row():
                        up = gr.Button(CHAT["helpful"], elem_id="thumbs-up")
                        down = gr.Button(CHAT["not_helpful"], elem_id="thumbs-down")
                    thanks = gr.Markdown("", elem_id="thanks")

        def on_ask(
            text: str, history: list[dict[str, Any]], state: handlers.Session, both: bool
        ) -> Any:
            return handlers.ask(assistant, text, history, state, bool(both))

        def on_answer(history: list[dict[str, Any]], state: handlers.Session) -> Any:
            yield from handlers.answer(assistant, history, state)

        def on_brief(state: handlers.Session) -> str:
            return handlers.briefing(assistant, state)

        step_one: dict[str, Any] = dict(
            fn=on_ask,
            inputs=[question, chat, session, compare],
            outputs=[chat, sources, session, status, question],
            concurrency_limit=settings.evidence_concurrency,
            concurrency_id="evidence",
        )
        step_two: dict[str, Any] = dict(
            fn=on_answer,
            inputs=[chat, session],
            outputs=[chat, session, status],
            concurrency_limit=settings.llm_concurrency,
            concurrency_id="model",
        )

        def on_choices(state: handlers.Session) -> Any:
            choices = handlers.answer_choices(state)
            return gr.CheckboxGroup(choices=choices, value=[c[1] for c in choices[-1:]])

        def on_docx(state: handlers.Session, picked: list[str]) -> Any:
            try:
                return handlers.briefing_docx_file(assistant, state, picked)
            except AssistantError as exc:
                raise gr.Error(str(exc)) from exc

        submitted = question.submit(**step_one).then(**step_two).then(on_brief, session, briefing)
        clicked = ask.click(**step_one).then(**step_two).then(on_brief, session, briefing)
        submitted.then(on_choices, session, chosen)
        clicked.then(on_choices, session, chosen)
        make_docx.click(on_docx, [session, chosen], docx_file)
        stop.click(None, cancels=[submitted, clicked])
        clear.click(
            lambda: ([], sources_html(None), handlers.Session(), "", ""),
            None,
            [chat, sources, session, status, briefing],
        )
        copy.click(on_brief, session, briefing).then(None, briefing, briefing, js=COPY_JS)
        up.click(
            lambda c, s: handlers.feedback(feedback_store, "up", c, s), [comment, session], thanks
        )
        down.click(
            lambda c, s: handlers.feedback(feedback_store, "down", c, s), [comment, session], thanks
        )

        # Programmatic endpoints (scripts, load tests): the same queue and limits as the chat.
        def api_evidence(text: str) -> dict[str, Any]:
            """The evidence answer as the JSON contract."""
            return handlers.evidence_json(assistant, text)

        def api_answer(text: str) -> Any:
            """Stream the model's draft, then the verified answer as JSON text."""
            yield from handlers.answer_stream(assistant, text)

        gr.api(
            api_evidence,
            api_name="evidence",
            concurrency_limit=settings.evidence_concurrency,
            concurrency_id="evidence",
        )
        gr.api(
            api_answer,
            api_name="answer",
            concurrency_limit=settings.llm_concurrency,
            concurrency_id="model",
        )
    demo.queue(max_size=settings.queue_size)
    return demo
