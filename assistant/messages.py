"""Every word the assistant says to people, in one place: the file a translator edits.

Keys are the answer's language (zh-Hant, zh-Hans, en); bilingual chat strings carry both
scripts. `{placeholders}` are filled by the code; keep them. Names of documents and of
who speaks in them are declared by the documents themselves (their sidecar
`<file>.meta.json`, see ingest/metadata.py), not written here.
"""

from __future__ import annotations

from typing import Literal

Language = Literal["zh-Hant", "zh-Hans", "en"]

# The evidence answer (generate/evidence.py, generate/question.py)
REFUSAL = {
    "zh-Hant": "文件沒有涵蓋這個問題，無法根據文件回答。",
    "zh-Hans": "文件没有涵盖这个问题，无法根据文件回答。",
    "en": "The documents don't cover this question, so I can't answer it from them.",
}
# Names come from the documents (assistant/names.py); these stand in when none is declared.
DEFAULT_NAMES = {
    "government": {"zh-Hant": "政府文件", "zh-Hans": "政府文件", "en": "government document"},
    "association": {"zh-Hant": "該機構", "zh-Hans": "该机构", "en": "the publisher"},
}
# How a lead names a passage whose document declares no name for it.
THE_DOCUMENT = {"zh-Hant": "文件", "zh-Hans": "文件", "en": "The document's"}
FROM_THE_DOCUMENT = {"zh-Hant": "文件", "zh-Hans": "文件", "en": "the document"}
# A table row's lead: the indicator, then each asked cell.
TABLE_LEAD = {
    "zh-Hant": "{source}指標「{label}」[{n}]{note}：{stated}。",
    "zh-Hans": "{source}指标「{label}」[{n}]{note}：{stated}。",
    "en": '{source} indicator "{label}" [{n}]{note}: {stated}.',
}
TABLE_CELL = {
    "zh-Hant": "「{column}」為「{value}」[{n}]",
    "zh-Hans": "「{column}」为「{value}」[{n}]",
    "en": '"{column}": "{value}" [{n}]',
}
CELL_SEPARATOR = {"zh-Hant": "；", "zh-Hans": "；", "en": "; "}
# A strategy's or direction's name, and where it comes from.
UNIT_LINE = {
    "zh-Hant": "{source}{note}：「{name}」[{n}]",
    "zh-Hans": "{source}{note}：「{name}」[{n}]",
    "en": 'From {source}{note}: "{name}" [{n}]',
}
NAMED_SOURCE = {"zh-Hant": "{name}", "zh-Hans": "{name}", "en": "the {name}"}
SUMMARY_NOTE = {
    "zh-Hant": "（據{summariser}附件摘要）",
    "zh-Hans": "（据{summariser}附件摘要）",
    "en": " (from {summariser}'s annex summarising the {original})",
}
NOT_SAID = {
    "zh-Hant": "{association}的評論沒有談及這一點；{government}本身的內容並非{association}的意見。",
    "zh-Hans": "{association}的评论没有谈及这一点；{government}本身的内容并非{association}的意见。",
    "en": "{Association}'s commentary says nothing on this point; the {government}'s own "
    "plans are not {association}'s view.",
}
NO_YEAR = {
    "zh-Hant": "文件沒有{asked}年的數字：指標「{label}」只列出以下各欄：{years}。",
    "zh-Hans": "文件没有{asked}年的数字：指标「{label}」只列出以下各栏：{years}。",
    "en": 'The documents give no figure for {asked}: indicator "{label}" has only these '
    "columns: {years}.",
}
# A matched row gives another kind of figure than the one asked for (generate/row_fit.py).
NO_KIND = {
    "zh-Hant": "文件沒有這項{kind}：指標「{label}」{where}列出的是另一種數字。",
    "zh-Hans": "文件没有这项{kind}：指标「{label}」{where}列出的是另一种数字。",
    "en": 'The documents give no such {kind}: indicator "{label}" gives another kind of '
    "figure {where}.",
}
# Where the row was read: the member's own years (a column's heading carries figures the
# member never gave: 「2032 (2030 年數字)」), or all of it.
KIND_WHERE = {
    "zh-Hant": ("在{years}年", "在各欄"),
    "zh-Hans": ("在{years}年", "在各栏"),
    "en": ("for {years}", "in every column"),
}
KIND_NAMES = {
    "an amount of money": {"zh-Hant": "金額", "zh-Hans": "金额", "en": "amount of money"},
    "a share": {"zh-Hant": "百分比或比例", "zh-Hans": "百分比或比例", "en": "share or ratio"},
    "a count of people": {"zh-Hant": "人數", "zh-Hans": "人数", "en": "count of people"},
}
NOT_IN = {
    "zh-Hant": "文件沒有提到這一部分。",
    "zh-Hans": "文件没有提到这一部分。",
    "en": "The documents don't give this part.",
}
# A part of a two-part question that the passages quoted for an earlier part answer.
SAME_AS_ABOVE = {
    "zh-Hant": "見上文所引的同一段落。",
    "zh-Hans": "见上文所引的同一段落。",
    "en": "The passages quoted above answer this part too.",
}
LISTED = {
    "zh-Hant": "文件按次序列出：",
    "zh-Hans": "文件按次序列出：",
    "en": "In the documents' order:",
}
# A list whose unit repeats an earlier one's name (generate/restated.py).
RESTATED = {
    "zh-Hant": "注意：文件列表中{later}的名稱與{earlier}相同；文件正文這樣列出：「{quote}」[{n}]",
    "zh-Hans": "注意：文件列表中{later}的名称与{earlier}相同；文件正文这样列出：「{quote}」[{n}]",
    "en": "Note: the document's list gives {later} the same name as {earlier}; its own text "
    "lists them as: 「{quote}」[{n}]",
}
ASKED = {"zh-Hant": "與問題相關", "zh-Hans": "与问题相关", "en": "Asked about"}
FLAGGED = {
    "zh-Hant": "⚠ 此段似是寫給AI的指示，不作引述，請參閱來源卡片 ",
    "zh-Hans": "⚠ 此段似是写给AI的指示，不作引述，请参阅来源卡片 ",
    "en": "⚠ This passage reads like instructions to an AI; not quoted, see its source card ",
}
# The model's answer (generate/answerer.py)
MODEL_DOWN = {
    "zh-Hant": "（模型服務暫時無法使用，以下只列出文件原文。）",
    "zh-Hans": "（模型服务暂时无法使用，以下只列出文件原文。）",
    "en": "(The model service is unavailable, so only the documents' own words follow.)",
}
FALLBACK = {
    "zh-Hant": "（模型的回答未能通過核實，以下只列出文件原文。）",
    "zh-Hans": "（模型的回答未能通过核实，以下只列出文件原文。）",
    "en": "(The model's answer could not be verified, so only the documents' own words follow.)",
}
# Sources that disagree (generate/conflicts.py)
CONFLICT_NOTE = {
    "zh-Hant": "⚠ 來源數字不一致：「{indicator}」{year}年 — {stated}。",
    "zh-Hans": "⚠ 来源数字不一致：「{indicator}」{year}年 — {stated}。",
    "en": '⚠ The sources disagree on "{indicator}" for {year}: {stated}.',
}

# Two sides compared (generate/compare.py)
SIDE_HEADINGS = {
    "zh-Hant": {"government": "政府{government}", "association": "{association}評論"},
    "zh-Hans": {"government": "政府{government}", "association": "{association}评论"},
    "en": {
        "government": "The government's {government}",
        "association": "{Association}'s commentary",
    },
}
SIDE_SILENT = {
    "zh-Hant": {
        "government": "文件中的{government}內容沒有談及這一點。",
        "association": "{association}的評論沒有談及這一點。",
    },
    "zh-Hans": {
        "government": "文件中的{government}内容没有谈及这一点。",
        "association": "{association}的评论没有谈及这一点。",
    },
    "en": {
        "government": "The {government}, as given in the documents, says nothing on this.",
        "association": "{Association}'s commentary says nothing on this.",
    },
}
# Who speaks, for the source cards and notes (speakers.py): (Chinese, English). The kind of
# speaker only: a card shows the document's own declared title beside it, so no document's
# name belongs here (an uploaded commentary is not the seed's association).
SPEAKER_LABELS: dict[str, tuple[str, str]] = {
    "government": ("政府政策文件", "Government policy"),
    "government_summary": (
        "政府政策摘要（由文件發布機構整理）",
        "Summary of government policy, by the document's publisher",
    ),
    "association": ("商會評論（非政府政策）", "Association commentary, not government policy"),
    "other": ("其他機構文件（非政府政策）", "Another publisher, not government policy"),
    "uploaded": ("上載文件（來源未經核實）", "Uploaded document"),
    "unknown": ("來源未標明", "Unknown speaker"),
}
# The same with the names the index's documents declare (names.py fills {government} and
# {association}), where the answer path knows them: the model's sources, conflict notes.
NAMED_SPEAKER_LABELS: dict[str, tuple[str, str]] = {
    "government": ("政府{government}", "Government {government}"),
    "government_summary": (
        "{government}摘要（{association}附件）",
        "{government}, as summarised by {association}",
    ),
    "association": (
        "{association}評論（非政府政策）",
        "Association commentary, not government policy",
    ),
}

# The chat (ui/render.py, ui/handlers.py)
# After a refusal: questions made from the index's own rows and units (generate/suggest.py).
SUGGEST = {
    "zh-Hant": {
        "target": "「{label}」{year}年的目標是多少？",
        "unit": "{unit}是什麼？",
        "association": "{association}在「{topic}」一節有甚麼看法？",
    },
    "zh-Hans": {
        "target": "「{label}」{year}年的目标是多少？",
        "unit": "{unit}是什么？",
        "association": "{association}在「{topic}」一节有什么看法？",
    },
    "en": {
        "target": "What is the {year} target for 「{label}」?",
        "unit": "What is 「{unit}」?",
        "association": "What does {association} say under 「{topic}」?",
    },
}
NOT_COVERED = {
    "zh-Hant": "文件涵蓋的相關問題，例如：",
    "zh-Hans": "文件涵盖的相关问题，例如：",
    "en": "Questions the documents do cover, for example:",
}
UNVERIFIED = {
    "zh-Hant": "未經核實，不作事實引用：",
    "zh-Hans": "未经核实，不作事实引用：",
    "en": "Not verified, not to be quoted as fact:",
}
INSTRUCTION_WARNING = (
    "⚠ 此段文字似是寫給AI的指示，不作事實引用 "
    "This passage reads like instructions to an AI; not quoted as fact"
)
NO_SOURCES = "（未有引用來源 No sources）"
BRIEFING_QUESTION = "**問題 Question:**"
BRIEFING_SOURCES = "**引文 Sources (verbatim)**"
DRAFT = "_草稿（未核實）Draft, not yet verified:_ "
MODEL = "**模型回答 Model answer:** "
STATUS = {
    "ready": "",
    "evidence": "已找到文件原文 Evidence found · 模型回答中… the model is writing",
    "loading": "正在載入模型… Loading the model (first question only)",
    "thinking": "模型回答中… The model is writing (the evidence above is already verified)",
    "verified": "模型回答已核實 The model's answer has been checked against the sources",
    "fallback": "模型回答未能核實，只顯示文件原文 The model's answer could not be verified",
    "refused": "文件沒有涵蓋這個問題 The documents don't cover this question",
    "error": "請修改問題 Please change the question",
    "model_down": "模型服務暫時無法使用，只顯示文件原文 The model service is unavailable:",
    "compared": "兩方並列，各自引述原文 Both sides shown, each quoted from its own text",
}
NOT_TEXT = (
    "問題必須是文字 The question must be text (a JSON string), e.g. "
    '"2027年製造業佔GDP的目標係幾多？"'
)

ASK_FIRST = "請先提問 Ask a question first."
THANKS = "多謝你的意見！ Thank you for your feedback."

# The chat page's layout (ui/app.py)
CHAT = {
    "heading": "## 創科藍圖問答 · I&T Blueprint Q&A\n"
    "先列出文件原文，再由本地模型作答並逐句核實。"
    "Verified quotes first; the local model's answer follows, checked sentence by sentence.",
    "placeholder": "例如：2027年製造業佔GDP的目標係幾多？"
    " (e.g. What is the 2032 target for unicorns?)",
    "title": "創科藍圖問答 I&T Blueprint Q&A",
    "conversation": "對話 Conversation",
    "question": "問題 Question",
    "compare": "並列比較：政府《藍圖》與廠商會 Compare: Blueprint vs association",
    "ask": "提問 Ask",
    "stop": "停止 Stop",
    "clear": "清除 Clear",
    "examples": "例子 Examples",
    "sources": "### 來源 Sources",
    "markdown_briefing": "簡報用 Markdown · Copy for briefing",
    "copy": "複製到剪貼簿 Copy for briefing",
    "word_briefing": "Word 簡報 · Word briefing (.docx)",
    "include": "包括的回答 Answers to include",
    "download": "下載 Word Download .docx",
    "briefing": "簡報 Briefing",
    "feedback": "意見 Feedback",
    "comment": "意見（可選）Comment (optional)",
    "helpful": "有用 Helpful",
    "not_helpful": "無用 Not helpful",
}

# The staff page (ui/staff.py)
STAFF = {
    "choose_files": "請先選擇文件 Choose at least one file.",
    "choose_upload": "請先選擇文件 Choose an upload to remove.",
    "title": "Staff · 文件管理",
    "heading": "## 職員 · Staff: 文件更新與評估 Corpus updates and eval",
    "upload": "上載文件 Upload (.txt .md .pdf .docx .html)",
    "speaker": "發言者 Speaker",
    "doc_title": "標題 Title (default: file name)",
    "publisher": "發布者 Publisher",
    "date": "日期 Date (YYYY-MM)",
    "add": "加入／更新 Add or replace",
    "uploads": "已上載 Uploads",
    "remove": "移除 Remove from the index",
    "result": "結果 Result",
    "drift_report": "答案變動報告 Drift report",
    "run_eval": "執行評估 Run eval",
    "drift": "**答案變動 Answer drift:**",
}

# The Word briefing (export/briefing_docx.py)
DOCX = {
    "title": "簡報 Briefing",
    "question": "問題 Question:",
    "sources": "引文 Sources (verbatim)",
    "no_sources": "（此欄沒有引文 No quotes on this side）",
}
