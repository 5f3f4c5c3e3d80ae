"""Property tests: any text parses without an exception, and every figure's offsets quote its text."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.ledger.model import STATUSES, Ledger
from lib.ledger.parse import parse_text
from tests.seed_facts import seed_text

SEED = seed_text()

# Characters that drive the parser's decisions, mixed with ordinary ones.
ALPHABET = st.sampled_from(list(
    "（）()一二三四五六七八九十1234567890.、。，,：:；;\n \r\t“”《》【】"
    "整改结果情况措施完成阶段性未正在反馈问题关于方面万元亩宗件人家次项个条%余多约近党内警告立案积案办结"
    "年月日至巡视察组省委下一步欢迎监督电话"
) + ["\u3000", "\ufeff", "\u200f", "\x00", "①", "⑳", "⻄", "⼯", "😀"])


def check(text: str) -> Ledger:
    ledger = parse_text(text)
    for q in ledger.quantities:
        assert text[q.start:q.end] == q.text
        assert text[q.match_start:q.match_end] == q.match
        assert q.start <= q.match_start < q.match_end <= q.end
    for it in ledger.items:
        assert it.status in STATUSES
        assert 0 <= it.start < it.end <= len(text)
    assert Ledger.from_dict(ledger.to_dict()) == ledger
    return ledger


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(ALPHABET, max_size=600))
def test_random_text(text):
    check(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode(text):
    check(text)


@st.composite
def mutated_seed(draw):
    """The seed with slices cut out, duplicated or replaced by random characters."""
    text = SEED
    for _ in range(draw(st.integers(1, 6))):
        a = draw(st.integers(0, len(text)))
        b = draw(st.integers(a, min(len(text), a + 400)))
        op = draw(st.sampled_from(["cut", "dup", "junk", "swap_nl"]))
        if op == "cut":
            text = text[:a] + text[b:]
        elif op == "dup":
            text = text[:b] + text[a:b] + text[b:]
        elif op == "junk":
            text = text[:a] + draw(st.text(ALPHABET, max_size=40)) + text[b:]
        else:
            text = text[:a] + text[a:b].replace("\n", "") + text[b:]
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_seed())
def test_mutated_seed(text):
    check(text)
