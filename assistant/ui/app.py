"""Build the Gradio Blocks app around an Assistant."""

from __future__ import annotations

from typing import Any

from assistant.pipeline import Assistant
from assistant.ui.handlers import respond
from assistant.ui.render import CSS, sources_html

EXAMPLES = [
    "2027年製造業佔GDP的目標係幾多？",
    "策略三是什麼？",
    "人均研发开支到2032年的目标是多少？",
    "What is the 2032 target for the number of unicorns?",
]


def build_ui(assistant: Assistant) -> Any:
    import gradio as gr

    with gr.Blocks(title="創科藍圖問答 I&T Blueprint Q&A") as demo:
        gr.Markdown(
            "## 創科藍圖問答 · I&T Blueprint Q&A\n"
            "答案只引用文件原文。Answers quote the documents verbatim."
        )
        with gr.Row():
            with gr.Column(scale=3):
                chat = gr.Chatbot(label="對話 Conversation", height=480)
                question = gr.Textbox(
                    label="問題 Question",
                    placeholder="例如：2027年製造業佔GDP的目標係幾多？",
                    max_lines=3,
                )
                with gr.Row():
                    ask = gr.Button("提問 Ask", variant="primary")
                    clear = gr.Button("清除 Clear")
                gr.Examples(EXAMPLES, inputs=question, label="例子 Examples")
            with gr.Column(scale=2):
                gr.Markdown("### 來源 Sources")
                sources = gr.HTML(sources_html(None))

        def on_submit(text: str, history: list[dict[str, Any]]) -> tuple[Any, str, str]:
            return respond(text, history, assistant)

        ask.click(on_submit, [question, chat], [chat, sources, question])
        question.submit(on_submit, [question, chat], [chat, sources, question])
        clear.click(lambda: ([], sources_html(None), ""), None, [chat, sources, question])
    return demo, CSS
