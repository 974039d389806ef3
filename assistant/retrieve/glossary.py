"""English policy terms and the corpus's Chinese wording for them.

Dense retrieval is cross-lingual already; this lets keyword search (and the relevance
gate) see an English question's terms in the Chinese text too. Longest phrases first.
"""

from __future__ import annotations

import re

TERMS: dict[str, str] = {
    "research and development": "研發",
    "r&d": "研發",
    "gross domestic product": "本地生產總值",
    "gdp": "本地生產總值",
    "manufacturing": "製造業",
    "start-ups": "初創企業",
    "start-up": "初創企業",
    "startups": "初創企業",
    "startup": "初創企業",
    "unicorns": "獨角獸企業",
    "unicorn": "獨角獸企業",
    "co-working": "共享工作空間",
    "incubators": "創業培育中心",
    "accelerators": "加速器",
    "talent": "人才",
    "workforce": "勞動人口",
    "labour force": "勞動人口",
    "labor force": "勞動人口",
    "practitioners": "從業人員",
    "workers": "從業人員",
    "employees": "從業人員",
    "employed": "從業人員",
    "per capita": "人均",
    "per thousand": "每千名",
    "public sector": "公營機構",
    "private sector": "私營機構",
    "expenditure": "開支",
    "spending": "開支",
    "strategies": "策略",
    "strategy": "策略",
    "directions": "方向",
    "direction": "方向",
    "indicators": "指標",
    "indicator": "指標",
    "targets": "指標",
    "innovation and technology": "創新科技",
    "i&t": "創科",
    "blueprint": "藍圖",
    "digital economy": "數字經濟",
    "smart city": "智慧城市",
    "smart hong kong": "智慧香港",
    "venture capital": "創投",
    "financing": "融資",
    "culture": "文化",
    "popular science": "科普",
    "mainland": "內地",
    "greater bay area": "大灣區",
    "gba": "大灣區",
    "international": "國際",
    "pilot production": "中試",
    "pilot": "中試",
    "new industrialisation": "新型工業化",
    "new industrialization": "新型工業化",
    "re-industrialisation": "再工業化",
    "reindustrialisation": "再工業化",
    "re-industrialization": "再工業化",
    "universities": "大學",
    "university": "大學",
    "commissioner for industry": "工業專員",
    "fund": "基金",
    "semiconductor": "半導體晶片",
    "chips": "晶片",
    "new energy vehicles": "新能源汽車",
    "electric vehicles": "新能源汽車",
    "life and health": "生命健康",
    "artificial intelligence": "人工智能",
    "data science": "數據科學",
    "land": "土地",
    "vision": "願景",
    "loop": "河套區",
    "nansha": "南沙",
    "qianhai": "前海",
    "industry": "工業",
    "industrial": "工業",
    "policy": "政策",
    "billion": "億",
    "ecosystem": "生態圈",
    "commercialisation": "商品化",
    "commercialization": "商品化",
    "technology transfer": "成果轉化",
    "housing": "住宿",
    "fintech": "金融科技",
    "cybersecurity": "網絡",
    "innovation index": "創新指數",
    "kpi": "KPI",
    "published": "問世",
    "launched": "推出",
    "announced": "宣佈",
    # Places, so that a question about another city can be checked against the passages.
    "singapore": "新加坡",
    "shenzhen": "深圳",
    "guangzhou": "廣州",
    "beijing": "北京",
    "shanghai": "上海",
    "macau": "澳門",
    "macao": "澳門",
    "taiwan": "台灣",
    "japan": "日本",
    "korea": "韓國",
    "germany": "德國",
    "france": "法國",
    "united states": "美國",
    "america": "美國",
    "usa": "美國",
    "united kingdom": "英國",
    "britain": "英國",
    "london": "倫敦",
    "new york": "紐約",
    "tokyo": "東京",
    "seoul": "首爾",
}

_PATTERN = re.compile(
    r"(?<![A-Za-z])("
    + "|".join(re.escape(term) for term in sorted(TERMS, key=len, reverse=True))
    + r")(?![A-Za-z])",
    re.IGNORECASE,
)


def chinese_terms(text: str) -> list[str]:
    """The corpus's Chinese wording for the English terms found in `text`."""
    return [TERMS[match.group(0).lower()] for match in _PATTERN.finditer(text)]


def known_english(word: str) -> bool:
    """True if `word` (any case, plural or possessive) is part of a glossary term."""
    word = re.sub(r"(?:'s|s)$", "", word.lower())
    return any(word in term.split() or f"{word}s" in term.split() for term in TERMS)
