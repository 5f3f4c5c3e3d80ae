"""A report carrying markup, Markdown, LaTeX, entities and formulas where its text goes: titles, measures, figures."""
from __future__ import annotations

from tests.seed_facts import SEED

PAYLOADS = {
    "script": "<script>alert('xss')</script>",
    "img": "<img src=x onerror=alert('img')>",
    "md_link": "[点我](javascript:alert('md'))",
    "latex": "$$\\frac{1}{0}$$",
    "entity": "&lt;b&gt;加粗&lt;/b&gt;&amp;",
    "directive": ":red[红色]:material/warning:",
    "formula": "=HYPERLINK(\"http://evil.example\",\"点我\")",
}


def injected_text() -> str:
    """The seed with the payloads in the title, an item title, a theme, a measure and figures' sentences."""
    t = SEED.read_text(encoding="utf-8")
    t = t.replace("关于巡视整改进展情况的通报", "关于巡视整改进展情况的通报" + PAYLOADS["script"], 1)
    t = t.replace("2.产业结构不优。", "2.产业结构不优" + PAYLOADS["img"] + PAYLOADS["md_link"] + "。", 1)
    t = t.replace("（五）反馈问题：土地出让、征地拆迁问题较多", "（五）反馈问题：" + PAYLOADS["latex"] + "土地出让、征地拆迁问题较多", 1)
    t = t.replace("（1）制定了土地欠款追缴整改方案及明细表。",
                  "（1）制定了土地欠款追缴整改方案及明细表" + PAYLOADS["entity"] + PAYLOADS["directive"] + "。", 1)
    t = t.replace("3.定位不够清晰。", "3." + PAYLOADS["formula"] + "定位不够清晰。", 1)
    # the sentences of a money figure and of a case count, which the land and discipline pages list
    t = t.replace("（2）完成688万元土地欠款的追缴入库。", "（2）完成688万元土地欠款的追缴入库" + PAYLOADS["md_link"] + "。", 1)
    t = t.replace("截止目前，共立案8件8人", "截止目前，" + PAYLOADS["img"] + "共立案8件8人", 1)
    return t
