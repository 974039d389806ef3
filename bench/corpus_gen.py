"""A seeded generator of policy documents for scale tests: Traditional Chinese and English
prose with tables of targets by year, written the way the seed commentary and the test
corpus write them, and near-duplicates of their facts (other cities, other years, other
indicators) to distract retrieval.

    write_corpus(folder, documents=100, seed=16) -> list of paths

Nothing is committed as data: the same seed writes the same files, byte for byte.
Every document is fictional and says so in its first line.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

CITIES_ZH = ["深圳", "廣州", "新加坡", "澳門", "上海", "首爾", "台北", "杭州", "東京", "倫敦"]
CITIES_EN = ["Shenzhen", "Singapore", "Macao", "Seoul", "Shanghai", "Taipei", "Tokyo", "London"]
# Years the seed and the test corpus do not use for their own targets.
YEARS = [2018, 2019, 2021, 2024, 2026, 2029, 2031, 2035]
INDICATORS_ZH = [
    ("本地研發總開支相對本地生產總值的比率", "%"),
    ("人均本地研發總開支", "港元"),
    ("獨角獸企業數目", "間"),
    ("創新及科技產業從業人員", "人"),
    ("製造業佔本地生產總值百分比", "%"),
    ("數據中心總容量", "兆瓦"),
    ("5G網絡人口覆蓋率", "%"),
    ("智能生產線數目", "條"),
    ("綠色債券發行總額", "億港元"),
    ("科研人員每千名勞動人口", "人"),
    ("初創企業數目", "間"),
    ("專利申請數目", "宗"),
]
INDICATORS_EN = [
    ("Gross domestic expenditure on R&D as a share of GDP", "%"),
    ("R&D expenditure per capita", "HK$"),
    ("Number of unicorn companies", ""),
    ("Workers in innovation and technology industries", ""),
    ("Manufacturing value added as a share of GDP", "%"),
    ("Certified smart production lines", ""),
    ("Data centre capacity (MW)", ""),
    ("Share of SMEs using industrial IoT systems", "%"),
    ("Annual private investment in automation", "HK$ billion"),
    ("Pilot-production facilities open to outside clients", ""),
]
AREAS_ZH = [
    "人工智能",
    "生命健康科技",
    "新能源",
    "半導體",
    "金融科技",
    "智慧城市",
    "數據科學",
    "先進製造",
    "綠色建築",
    "航運物流",
    "微電子",
    "新材料",
    "低空經濟",
    "網絡安全",
]
BODIES_ZH = ["政府", "當局", "委員會", "研究院", "商會", "工業局", "科技園公司", "市政府"]
MEASURES_ZH = [
    "資助計劃",
    "專項基金",
    "稅務優惠",
    "人才入境計劃",
    "共同投資基金",
    "配對資助",
    "中試基地",
    "產學研合作平台",
    "創科用地",
    "數碼基建",
]
VERBS_ZH = ["推動", "加快", "完善", "支持", "鞏固", "優化", "擴大", "深化", "落實", "檢討"]
AREAS_EN = [
    "artificial intelligence",
    "life and health technology",
    "new energy",
    "semiconductors",
    "financial technology",
    "smart city services",
    "data science",
    "advanced manufacturing",
    "green building",
    "logistics",
    "microelectronics",
    "new materials",
    "cyber security",
]
MEASURES_EN = [
    "a matching grant",
    "a co-investment fund",
    "a tax deduction",
    "a talent admission scheme",
    "a pilot production centre",
    "a university-industry platform",
    "new industrial land",
    "digital infrastructure",
    "a voucher programme",
    "a loan guarantee",
]
VERBS_EN = ["expand", "accelerate", "review", "support", "strengthen", "streamline", "extend"]


def _figure(rng: random.Random, unit: str) -> str:
    if unit in ("%",):
        return f"{rng.uniform(0.3, 60):.1f}%"
    if unit in ("港元", "HK$"):
        value = f"{rng.randrange(800, 30000):,}"
        return f"{value} 港元" if unit == "港元" else f"HK${value}"
    if unit == "億港元":
        return f"{rng.randrange(10, 900)} 億港元"
    if unit == "HK$ billion":
        return f"HK${rng.uniform(0.5, 40):.1f} billion"
    number = f"{rng.randrange(3, 120000):,}"
    return f"{number} {unit}".strip()


def _sentence_zh(rng: random.Random, city: str) -> str:
    year = rng.choice(YEARS)
    area, measure = rng.choice(AREAS_ZH), rng.choice(MEASURES_ZH)
    body, verb = rng.choice(BODIES_ZH), rng.choice(VERBS_ZH)
    indicator, unit = rng.choice(INDICATORS_ZH)
    forms = [
        f"{city}{body}計劃於{year}年前{verb}{area}領域的{measure}，"
        f"預算約{rng.randrange(2, 500)}億元。",
        f"根據{city}的規劃，{indicator}到{year}年的目標為{_figure(rng, unit)}。",
        f"{body}表示，{measure}將優先{verb}{area}及{rng.choice(AREAS_ZH)}產業的發展。",
        f"{year}年{city}的{indicator}為{_figure(rng, unit)}，較上一年{rng.choice(['上升', '下降'])}"
        f"{rng.randrange(1, 30)}%。",
        f"業界建議{body}{verb}{measure}的申請程序，"
        f"並把資助上限提高至{rng.randrange(1, 50)}百萬元。",
        f"{city}的{area}企業數目由{year - 5}年的{rng.randrange(50, 900)}間增至{year}年的"
        f"{rng.randrange(900, 5000)}間。",
    ]
    return rng.choice(forms)


def _sentence_en(rng: random.Random, city: str) -> str:
    year = rng.choice(YEARS)
    area, measure = rng.choice(AREAS_EN), rng.choice(MEASURES_EN)
    indicator, unit = rng.choice(INDICATORS_EN)
    forms = [
        f"{city} plans to {rng.choice(VERBS_EN)} {measure} for {area} by {year}, "
        f"with a budget of about {rng.randrange(2, 500)} million dollars.",
        f"Under {city}'s plan, the target for {indicator.lower()} in {year} is "
        f"{_figure(rng, unit)}.",
        f"Officials said {measure} would give priority to {area} and {rng.choice(AREAS_EN)}.",
        f"In {year}, {indicator.lower()} in {city} stood at {_figure(rng, unit)}.",
        f"Industry groups asked the authorities to {rng.choice(VERBS_EN)} {measure} and raise "
        f"its cap to {rng.randrange(1, 50)} million dollars.",
    ]
    return rng.choice(forms)


def _table(rng: random.Random, english: bool, city: str) -> list[str]:
    years = sorted(rng.sample(YEARS, 3))
    pool = INDICATORS_EN if english else INDICATORS_ZH
    head = "Indicator" if english else "指標"
    lines = [f"| {head} | " + " | ".join(str(y) for y in years) + " |", "|---|---|---|---|"]
    for name, unit in rng.sample(pool, rng.randrange(4, 8)):
        label = f"{city}: {name}" if english else f"{city}{name}"
        lines.append(f"| {label} | " + " | ".join(_figure(rng, unit) for _ in years) + " |")
    return lines


def document(rng: random.Random, number: int) -> tuple[str, str, dict[str, str]]:
    """(file name, Markdown text, sidecar) of one fictional policy document."""
    english = rng.random() < 0.35
    city = rng.choice(CITIES_EN if english else CITIES_ZH)
    if english:
        title = f"{city} {rng.choice(AREAS_EN).title()} Development Plan {rng.choice(YEARS)}"
        lines = ["> Note: a synthetic document generated for scale tests; figures are fictional."]
    else:
        title = f"{city}{rng.choice(AREAS_ZH)}發展規劃（{rng.choice(YEARS)}）"
        lines = ["> 注意：此為規模測試而生成的虛構文件，數字均屬虛構。"]
    lines += ["", f"# {title}", ""]
    for section in range(rng.randrange(4, 8)):
        heading = (
            f"Part {section + 1}: {rng.choice(AREAS_EN).capitalize()}"
            if english
            else f"第{section + 1}章：{rng.choice(VERBS_ZH)}{rng.choice(AREAS_ZH)}"
        )
        lines += [f"## {heading}", ""]
        for _ in range(rng.randrange(2, 5)):
            write = _sentence_en if english else _sentence_zh
            sep = " " if english else ""
            lines += [sep.join(write(rng, city) for _ in range(rng.randrange(2, 5))), ""]
        if rng.random() < 0.5:
            lines += [*_table(rng, english, city), ""]
    sidecar = {
        "title": title,
        "publisher": "Scale test generator" if english else "規模測試生成器",
        "date": f"{rng.choice(YEARS)}-{rng.randrange(1, 13):02d}",
        "speaker": "other",
    }
    return f"gen-{number:06d}.md", "\n".join(lines) + "\n", sidecar


def write_corpus(folder: Path, documents: int, seed: int = 16) -> list[Path]:
    """Write `documents` generated documents (and their sidecars) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(documents):
        # One generator per document: document n is the same whatever the corpus size.
        rng = random.Random(f"{seed}-{number}")
        name, text, sidecar = document(rng, number)
        (folder / name).write_text(text, "utf-8")
        meta = json.dumps(sidecar, ensure_ascii=False, indent=1)
        (folder / f"{name}.meta.json").write_text(meta, "utf-8")
        paths.append(folder / name)
    return paths
