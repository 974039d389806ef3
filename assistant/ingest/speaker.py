"""Who is speaking in a passage: the government, a summary of it, or the association.

Commentary must never be presented as policy, so this is decided from the text
itself and recorded on every chunk.
"""

from __future__ import annotations

import re

from assistant.types import Speaker

_ASSOCIATION_AUTHOR = re.compile(
    r"(由|by)\s*.{0,12}(廠商聯合會|廠商會|厂商联合会|厂商会|Manufacturers'? Association)"
    r".{0,12}(編寫|撰寫|编写|撰写|prepared|written)",
    re.IGNORECASE,
)
_GOVERNMENT_AUTHOR = re.compile(
    r"(創新科技及工業局|创新科技及工业局|特區政府|特区政府"
    r"|Innovation, Technology and Industry Bureau|HKSAR Government)"
)
_SUMMARY_HEADING = re.compile(r"^(附件|附錄|附录|annex|appendix).*(摘要|要點|要点|summary)", re.I)


def document_speaker(text: str, title: str) -> Speaker:
    """The speaker of a document's body, from its authorship line or its title."""
    if _ASSOCIATION_AUTHOR.search(text):
        return "association"
    if re.search(r"藍圖|蓝图|blueprint", title, re.I) and _GOVERNMENT_AUTHOR.search(text):
        return "government"
    return "unknown"


def section_speaker(document: Speaker, heading: str) -> Speaker | None:
    """A speaker change that a heading introduces, e.g. an annex summarising the Blueprint."""
    if document == "association" and _SUMMARY_HEADING.match(heading.strip()):
        return "government_summary"
    return None
