"""Each fact once, per report: the total each figure belongs to and whether it adds to it.

Plain records, no pandas, so the count runs on every import and is stored with the figures (lib.library.store);
lib.views.totals adds the analyst's corrections and the rounds of one publisher on top. A change to the count is a
change to what the parser extracts: raise lib.library.store.PARSER_VERSION, so stored reports are counted again.

    count_ledger(ledger) → [(family, counted, reason, ref) or None for each figure]
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .roles import OVERALL, act

# "…其中党内警告3人", "（免职1人…）", and "收回…86.4亩，将收回的机动地中62亩…": a part of the figure before
_BREAKDOWN = re.compile(r"^\s*[(（]|^[^。;；]{0,20}其中|^[,，]?[^。;；,，\d]{0,12}的[^。;；,，\d]{1,8}中$")
_BRACKET_AFTER = re.compile(r"[^，,。;；()（）\d]{0,20}?[(（]")
CUMULATIVE = re.compile(r"累计|共计|合计|总计")
# a sentence that sums its own figures: also a bare 共 ("…128.6亩，盘活…17.25公顷，共处置闲置低效土地387.35亩")
_SUMMED = re.compile(CUMULATIVE.pattern + r"|(?<![一二三四五六七八九十\d中公])共(?!同|享|建|识|性|商|治)")
EPS = 1e-6


# --- each fact once --------------------------------------------------------------------------------
def family_of(headline, aside, label: str, unit: str, kind: str, land: bool) -> str | None:
    """The total a figure belongs to: its headline (lib.ledger.roles), else one of the secondary figures."""
    fam = headline if isinstance(headline, str) else None
    # a figure its own headline leaves out by its words may be one of the secondary figures (积案 is not 立案)
    if fam is not None and not (isinstance(aside, str) and fam not in ("recovered_wan", "land_mu")):
        return fam
    if kind == "count" and unit == "宗" and land:
        return "parcels"
    if fam is None and label == "立案" and unit in ("人", "名"):
        return "case_people"
    if label == "积案" and unit == "件":
        return "backlog"
    if label == "积案办结" and unit == "件":
        return "backlog_closed"
    return fam


# What the count of one figure needs, in this order (the quantities frame's columns, or a Quantity's fields).
COUNT_FIELDS = ("report_id", "headline", "aside", "label", "unit", "kind", "land", "item_seq", "item_no", "value",
                "start", "match_start", "match_end", "text", "match", "tags")


def count_rows(rows) -> dict:
    """The core of count_once on plain records: (key, *COUNT_FIELDS) → {key: (family, counted, reason, ref)}
    for the figures that belong to a total. Cheap enough to run on every import (no pandas)."""
    out: dict = {}
    groups: dict[tuple, list[_Fig]] = {}
    kept_out: dict[tuple, list[_Fig]] = {}
    counted: dict = {}
    reason: dict = {}
    clauses: dict = {}      # report → {clause start: its text}, every figure's clause, of any family
    for (key, report_id, headline, aside, label, unit, kind, land, item_seq, item_no, value, start, match_start,
         match_end, text, match, tags) in rows:
        clauses.setdefault(report_id, {})[start] = text
        fam = family_of(headline, aside, label, unit, kind, land)
        if fam is None:
            continue
        # the aside keeps a figure out of its own headline; one of the secondary figures counts on its own
        why = aside if isinstance(aside, str) and fam == headline else None
        out[key] = fam
        counted[key], reason[key] = why is None, why
        if item_seq is None or type(item_seq).__name__ == "NAType" or item_seq != item_seq:
            item_seq = None   # NaN or pd.NA from a frame: outside every item
        fig = _Fig(key, item_seq, item_no, value, start, match_start, match_end, text, match, tags, str(label))
        if why is not None:
            # kept out by its own words: it neither repeats nor holds another figure, but an item's may be
            # among the figures a summary adds up (its 合计 of everything "recovered", receivables included)
            # (money and land only: small counts add up to anything by chance)
            if item_seq is not None and fam in ("recovered_wan", "land_mu"):
                kept_out.setdefault((report_id, fam), []).append(fig)
            continue
        groups.setdefault((report_id, fam), []).append(fig)
    ref: dict = {}
    added: set = set()     # reports whose summary adds a whole-period item figure to other items' figures
    examples: dict = {}     # report → its example clauses, found once for all its families
    for group, figs in groups.items():
        if len(figs) > 1:
            if group[0] not in examples:
                examples[group[0]] = _example_clauses(clauses[group[0]])
            _once_in_report(figs, counted, reason, ref, kept_out.get(group, []), examples[group[0]],
                            lambda rid=group[0]: added.add(rid), family=group[1])
    for group, figs in groups.items():
        # after every family: a summary that adds an item's whole-period figure to others (60件 = 46 + 14)
        # says this report's whole-period figures do not hold the other items'
        # (cases and people only: a discipline body's count over the period covers every case and sanction
        # in it, while an item's 整改期间…收回土地 is that item's own work)
        # (nor when the summary repeats two items' figures side by side, "处理16人次，组织处理3人": it tells them apart)
        told_apart = len({ref.get(f.i) for f in figs if f.item_seq is None and reason[f.i] == "repeats_item"}) > 1
        if group[1] in _BODY_COUNTS and group[0] not in added and not told_apart and \
                not any(f.item_seq is None and counted[f.i] for f in figs):
            _whole_period_in_an_item([f for f in figs if counted[f.i]], counted, reason, ref)
    return {k: (fam, counted[k], reason[k], ref.get(k)) for k, fam in out.items()}


def count_ledger(ledger) -> list[tuple | None]:
    """count_rows for one parsed report: per figure, (family, counted, reason, ref) or None."""
    rows = [(n, 0, q.headline, q.aside, q.label, q.unit, q.kind, "land" in q.tags, q.item_seq,
             q.item_no if q.item_no is not None else q.item_seq, q.value, q.start, q.match_start, q.match_end,
             q.text, q.match, ",".join(q.tags)) for n, q in enumerate(ledger.quantities)]
    done = count_rows(rows)
    return [done.get(n) for n in range(len(rows))]


@dataclass
class _Fig:
    i: object           # the row's index in the quantities frame
    item_seq: object    # None outside every item
    item_no: object
    value: float
    start: int          # the sentence's start: figures of one sentence share it
    match_start: int
    match_end: int
    text: str
    match: str
    tags: str
    label: str = ""


# A sentence that sums up what came before: "总的看，…共清退…162.79万元，收回、复垦土地575亩"
RECAP = re.compile(r"总的看|总的来看|总体看|总体来看|综上|总之|合计|总计|累计|(?<![一二三四五六七八九十\d中公])共")


# the kinds of sanction a summary names by their category: 党纪处分1人 is item 7's 党内警告1名
_SANCTION_KIND = {**{k: "党纪处分" for k in ("党内警告", "党内严重警告", "撤销党内职务", "留党察看", "开除党籍")},
                  **{k: "政务处分" for k in ("政务警告", "政务记过", "政务记大过", "政务降级", "政务撤职", "政务开除",
                                            "警告", "记过", "记大过", "降级", "撤职", "开除公职")}}


def _same_kind(a: str, b: str) -> bool:
    """Labels that may name one fact: alike, or a sanction and its category (党纪处分 ⊇ 党内警告)."""
    if similar_labels(a, b):
        return True
    ka, kb = _SANCTION_KIND.get(a, a), _SANCTION_KIND.get(b, b)
    return ka == kb or bool({ka, kb} & {"党纪政务处分", "处分"}) and {ka, kb} <= {"党纪处分", "政务处分", "党纪政务处分", "处分"}


def similar_labels(a: str, b: str) -> bool:
    """Labels that name the same thing: the shorter's characters two thirds found in the longer."""
    short, long_ = sorted((a, b), key=len)
    return bool(short) and sum(c in long_ for c in short) * 3 >= len(short) * 2


def _parts_in_next_sentences(by_sentence: dict[int, list[_Fig]], counted: dict, drop) -> None:
    """"…各类资金162.79万元。其中，县民政局…23.46万元；县交通运输局…37.2万元；…。": a total that ends its
    sentence, and a next sentence that opens with 其中, whose clauses (up to the full stop) list its parts."""
    order = sorted(by_sentence)
    for k, s in enumerate(order):
        sentence = [f for f in by_sentence[s] if counted[f.i]]
        if not sentence:
            continue
        total = sentence[-1]
        text = total.text
        if text[total.match_end - s:].strip("。；;，, \n"):
            continue       # the total does not end its sentence
        left, end, opened = total.value, s + len(text), False
        for nxt in order[k + 1:]:
            first = by_sentence[nxt][0]
            if nxt - end > 2 or not opened and not first.text.lstrip(" ，,").startswith("其中"):
                break
            opened = True
            for part in by_sentence[nxt]:
                if not counted[part.i] or part.value > left + EPS:
                    return
                left -= part.value
                drop(part, "part_of_total", total.match)
            end = nxt + len(first.text)
            if not first.text.rstrip().endswith(("；", ";")):
                break       # the full stop ends the breakdown


def _running_totals_in_items(figs: list[_Fig], kept_out: list[_Fig], counted: dict, drop) -> None:
    """In one item, a 累计 figure that adds up figures the item gave before it ("首次公开时，已收回…11.2万元，此后又追回
    12.4万元。…累计收回…23.6万元") is the fact; those before it are its parts (one of them may be kept out by its
    own words, as an earlier report's)."""
    for f in figs:
        if f.item_seq is None or not counted[f.i] or not CUMULATIVE.search(f.text[:f.match_start - f.start]):
            continue
        before = [g for g in (*figs, *kept_out) if g.item_seq == f.item_seq and g.start < f.start and g.i != f.i]
        parts = _subset_sum({g.i: g.value for g in before}, float(f.value))
        if parts and any(counted.get(i) for i in parts):
            for g in before:
                if g.i in parts and counted.get(g.i):
                    drop(g, "part_of_total", f.match)
        # "…立案9件。…累计立案56件（含巡视移交问题线索立案9件）": the 9 said before is the part its bracket names
        named = [p for p in figs if p.start == f.start and p.match_start > f.match_start and not counted[p.i]]
        for g in before:
            if counted.get(g.i) and any(abs(g.value - p.value) < EPS and _same_kind(g.label, p.label) for p in named):
                drop(g, "part_of_total", f.match)


def _repeats_in_an_item(figs: list[_Fig], drop) -> None:
    """An item that says one figure twice in different sentences (the measure, then its 备注: "督促…返还截留的补偿款
    42.8万元" and "返还的42.8万元补偿款已发放到户"): the same value under the same words counts once."""
    seen: list[_Fig] = []
    for f in figs:
        twin = next((g for g in seen if g.item_seq == f.item_seq and g.start != f.start
                     and abs(g.value - f.value) < EPS * max(1.0, f.value) and similar_labels(g.label, f.label)), None)
        if twin is not None:
            drop(f, "repeats_earlier", twin.match)
        else:
            seen.append(f)


def _summary_recaps(summary: list[_Fig], counted: dict, drop) -> None:
    """Outside the items: a figure said again (a closing recap of the opening: same value, same words, or in a
    summing-up sentence) counts once; a summing-up figure equal to the sum of figures stated elsewhere is their
    sum, which they already count."""
    seen: list[_Fig] = []
    for f in summary:
        twin = next((g for g in seen if g.start != f.start and abs(g.value - f.value) < EPS * max(1.0, f.value)
                     and (similar_labels(g.label, f.label) or RECAP.search(f.text))
                     and not _other_subjects(g.text, f.text)), None)
        if twin is not None:
            drop(f, "repeats_earlier", twin.match)
        else:
            seen.append(f)
    for f in seen:
        if not counted[f.i] or not (RECAP.search(f.text) or OVERALL.search(f.text)):
            continue
        pool = {g.i: g for g in seen if counted[g.i] and g.start != f.start}
        parts = _subset_sum({i: g.value for i, g in pool.items()}, float(f.value))
        if parts:
            drop(f, "sum_of_figures", "、".join(pool[j].match for j in parts))


_REMARK_PART = re.compile(r"\s*(?:备注\s*[:：]\s*)?其中")


def _remark_parts(figs: list[_Fig], counted: dict, drop) -> None:
    """A 台账's 备注 that breaks down a figure of its row ("备注：其中2024年12月前已追回21.3万元" under "追回违规冒领补贴
    资金38.74万元"): a part of the item's earlier figure it fits in, not a figure beside it."""
    for f in figs:
        if not _REMARK_PART.match(f.text):
            continue
        whole = [g for g in figs if g.item_seq == f.item_seq and g.start < f.start and counted[g.i]
                 and g.value + EPS >= f.value]
        if whole:
            drop(f, "part_of_total", whole[-1].match)


_SUBTOTAL_LINE = re.compile(r"\s*小计\s*[:：]")


def _round_totals(live: list[_Fig], drop, opening: bool = False) -> None:
    """A report without items (its areas or units told in paragraphs) that closes with a running total ("整改期间，
    全镇累计追缴、追回、收回各类资金126.83万元") larger than what its areas name: the total holds those figures, which
    count in it and not again beside it."""
    if len(live) < 2:
        return
    last = max(f.start for f in live)
    closing = [f for f in live if f.start == last]
    earlier = [f for f in live if f.start < last]
    if len(closing) == 1 and len(earlier) >= 2 and CUMULATIVE.search(closing[0].text[:closing[0].match_start - closing[0].start]) \
            and sum(f.value for f in earlier) <= closing[0].value + EPS * max(1.0, closing[0].value):
        for f in earlier:
            drop(f, "in_closing_total", closing[0].match)
        return
    # and, of cases and sanctions, one that opens with the whole round's count over the period (本轮巡察…已立案审查
    # 调查9件), its units' sections after it: theirs are in it when they fit (a discipline body's count covers every
    # case and sanction of the period; an opening's money, or its talks and 第一种形态, beside an area's may be
    # another fact)
    if not opening:
        return
    first = min(f.start for f in live)
    opening = [f for f in live if f.start == first]
    later = [f for f in live if f.start > first]
    if len(opening) == 1 and len(later) >= 1 and "overall" in opening[0].tags.split(",") \
            and sum(f.value for f in later) <= opening[0].value + EPS * max(1.0, opening[0].value):
        for f in later:
            drop(f, "in_opening_total", opening[0].match)


_SUBJECT = re.compile(r"^\s*([^：:，,。；;\d]{2,40})[：:]")


def _other_subjects(a: str, b: str) -> bool:
    """Two sentences about different units, each named before its colon (a statistics table's rows, "县教育局：
    立案2件…" and "白沙镇：立案2件…"): the same figure in both is two facts."""
    sa, sb = _SUBJECT.match(a), _SUBJECT.match(b)
    return bool(sa and sb) and sa.group(1) != sb.group(1)


# A sentence that tells how one unit did it, after the round's totals: "石门镇针对…，收回…租金58.3万元"
# (also several units at once, "县教育和体育局、县卫生健康局针对…"; a case about a named unit, "县纪委监委对巡察移交的
# 县供销合作社…问题线索深入查处，立案3件" (not the round's "县纪委监委对巡察移交的问题线索46件…立案19件");
# and the problem first: "针对“撂荒地整治不彻底”问题，县农业农村局会同相关乡镇…")
_UNIT = r"[\u4e00-\u9fff]{1,14}?(?:镇|乡|街道|局|委|办|院|中心|公司|集团|村|社区|学校|医院|社)(?:党委|党组|党支部|党工委|党总支)?"
_EXAMPLE = re.compile(rf"^(?:针对“[^”]{{1,40}}”(?:等)?问题[,，](?:{_UNIT}[、和与及])*{_UNIT}"
                      rf"|针对[^，,。；;“”]{{2,60}}?问题[,，]对(?:{_UNIT}[、和与及])*{_UNIT}"
                      # "针对…等问题，县医疗保障局会同…" (not "…问题，县委组织部对3名干部…": 县委 is no unit doing it)
                      rf"|针对[^，,。；;“”]{{2,60}}?问题[,，](?:{_UNIT}[、和与及])*{_UNIT}"
                      r"(?=会同|联合|牵头|开展|通过|按照|督促|结合|围绕|以|对[^\d])"
                      rf"|对(?:{_UNIT}[、和与及])*{_UNIT}\d"
                      rf"|(?:{_UNIT}[、和与及])*{_UNIT}(?:针对|聚焦|围绕|紧盯|结合|以|对巡[视察]移交的{_UNIT}))")


_GRAVER = re.compile(r"^(?:移送|党纪|政务|开除|撤销|留党察看|(?:严重)?警告|记(?:大)?过|降级|撤职)")


def _beyond_first_form(total: _Fig, part: _Fig) -> bool:
    """"第一种形态处理41人次，其中诫勉9人、组织处理6人，移送司法机关2人": the first form is criticism, reminders and
    admonition; a sanction or a transfer to the judiciary is no part of it, and ends its breakdown."""
    return "第一种形态" in total.label + total.text[max(0, total.match_start - total.start - 16):total.match_start - total.start] \
        and bool(_GRAVER.match(part.label))


def _dropper(counted: dict, reason: dict, ref: dict):
    """drop(figure, why, what): the figure counts no more, for the reason why, given way to what."""
    def drop(f: _Fig, why: str, what) -> None:
        counted[f.i], reason[f.i], ref[f.i] = False, why, what
    return drop


def _example_clauses(clauses: dict) -> set:
    """The starts of the clauses that tell how one unit did it: a sentence opening with the unit (_EXAMPLE), and
    the clauses after it in its paragraph ("县自然资源局针对…，已收回…1216万元；依法收回闲置土地3宗、86.4亩";
    "柳塘镇党委针对…进行全面清查。…截至11月底，已依法收回被侵占集体土地126.5亩")."""
    out, prev = set(), None
    for start in sorted(clauses):
        text = clauses[start]
        continues = prev is not None and prev in out and prev + len(clauses[prev]) == start and \
            "\n" not in clauses[prev] and clauses[prev].rstrip().endswith((";", "；", "。"))
        if _EXAMPLE.match(text.lstrip()) or continues:
            out.add(start)
        prev = start
    return out


def _examples_of_totals(summary: list[_Fig], counted: dict, drop, examples: set) -> None:
    """A report of totals only (a county's summary of a round): after the totals, the sentences that tell how
    one unit did it give figures the totals already hold; each is a part of the latest total before it that
    still has room for it."""
    totals, room = [], {}
    for f in summary:
        if f.start not in examples:
            totals.append(f)
            room[f.i] = f.value
            continue
        total = next((t for t in reversed(totals) if t.start < f.start and room[t.i] + EPS >= f.value), None)
        if total is not None:
            room[total.i] -= f.value
            drop(f, "part_of_total", total.match)


_BODY_COUNTS = ("cases", "disciplined_people", "other_accountability_people")


def _whole_period(f: _Fig) -> bool:
    return "period" in f.tags.split(",")


def _whole_period_in_an_item(items: list[_Fig], counted: dict, reason: dict, ref: dict) -> None:
    """With nothing outside the items: one item's count over the whole period holds the other items' figures
    of its kind (the 1 cadre sanctioned in item 3 is one of the 15 of the whole period), when they fit in it."""
    drop = _dropper(counted, reason, ref)
    wholes = [f for f in items if _whole_period(f)]
    if len(wholes) != 1:
        return
    whole = wholes[0]
    others = [f for f in items if f.item_seq != whole.item_seq and counted[f.i] and not _beyond_first_form(whole, f)]
    if others and sum(f.value for f in others) <= whole.value + EPS:
        for f in others:
            drop(f, "part_of_total", whole.match)


def _once_in_report(figs: list[_Fig], counted: dict, reason: dict, ref: dict, kept_out: list[_Fig] = (),
                    examples: set = frozenset(), whole_summed=None, family: str = "") -> None:
    """One report's figures of one family: see count_once."""
    drop = _dropper(counted, reason, ref)
    figs = sorted(figs, key=lambda f: (f.start, f.match_start))
    live = [f for f in figs if counted[f.i]]
    # parts of a total in the same sentence
    by_sentence: dict[int, list[_Fig]] = {}
    for f in live:
        by_sentence.setdefault(f.start, []).append(f)
    for sentence in by_sentence.values():
        if len(sentence) < 2:
            continue
        text, s0 = sentence[0].text, sentence[0].start
        for k, total in enumerate(sentence[:-1]):
            if not counted[total.i]:
                continue
            after = text[total.match_end - s0:sentence[k + 1].match_start - s0]
            # "对2名…负责人进行组织处理（免职1人、调整岗位1人）": the bracket after the total's own words
            bracket = _BRACKET_AFTER.match(after)
            if not (_BREAKDOWN.search(after) or bracket):
                continue
            close = _bracket_end(text, total.match_end - s0 + bracket.end() - 1) if bracket else None
            left = total.value
            for part in sentence[k + 1:]:
                if close is not None and part.match_start - s0 >= close or part.value > left + EPS or \
                        _beyond_first_form(total, part):
                    break
                left -= part.value
                drop(part, "part_of_total", total.match)
        # a total after its parts: the last figure equals the sum of the ones before it
        still = [f for f in sentence if counted[f.i]]
        if len(still) >= 3 and _SUMMED.search(text):
            last = still[-1]
            if abs(sum(f.value for f in still[:-1]) - last.value) < EPS * max(1.0, last.value):
                for f in still[:-1]:
                    drop(f, "part_of_total", last.match)
    _parts_in_next_sentences(by_sentence, counted, drop)
    _remark_parts([f for f in figs if counted[f.i] and f.item_seq is not None], counted, drop)
    _repeats_in_an_item([f for f in figs if counted[f.i] and f.item_seq is not None], drop)
    _running_totals_in_items(figs, kept_out, counted, drop)
    _summary_recaps([f for f in figs if counted[f.i] and f.item_seq is None], counted, drop)
    if not any(f.item_seq is not None for f in figs):
        _examples_of_totals([f for f in figs if counted[f.i]], counted, drop, examples)
        _round_totals([f for f in figs if counted[f.i]], drop, opening=family in ("cases", "disciplined_people"))
    live = [f for f in figs if counted[f.i]]
    summary = [f for f in live if f.item_seq is None]
    items = [f for f in live if f.item_seq is not None]
    if not summary or not items:
        return
    stated = [f for f in figs if f.item_seq is not None]     # parts included: an annexed table may repeat a part
    # the opening (or an annexed table) repeats an item's figure
    rest, twins = [], {}
    for f in summary:
        same = [g for g in stated if abs(g.value - f.value) < EPS * max(1.0, f.value)]
        # a small whole count (2人) meets its value by chance: the repeat must say the same thing
        # (诫勉谈话2人 in the summary is not item 10's 2名…提醒谈话)
        chance = f.value < 100 and float(f.value).is_integer()
        twin = next((g for g in same if _same_kind(g.label, f.label)), None if chance else next(iter(same), None))
        if twin is None:
            rest.append(f)
        else:
            twins[twin.i] = f.start
            drop(f, "repeats_item", _no(twin.item_no))
    # the opening sums several items' figures
    pool = {f.i: f for f in items}
    every = dict(pool)
    aside = {f.i: f for f in kept_out}
    still = []
    for f in sorted(rest, key=lambda f: -f.value):
        parts = _subset_sum({i: g.value for i, g in pool.items()}, float(f.value))
        if not parts and _SUBTOTAL_LINE.match(f.text):
            # a 台账's 小计 of one category beside its 总计: both sums of the same items, the 总计 took them first
            parts = _subset_sum({i: g.value for i, g in every.items()}, float(f.value))
            if parts:
                drop(f, "sum_of_items", "、".join(_no(every[j].item_no) for j in parts))
                continue
        if not parts and aside:
            # the sum may take in item figures its headline leaves out by their words; one at least counts
            wide = {**pool, **aside}
            parts = _subset_sum({i: g.value for i, g in wide.items()}, float(f.value))
            parts = parts if parts and any(j in pool for j in parts) else None
        if parts:
            drop(f, "sum_of_items", "、".join(_no((pool.get(j) or aside[j]).item_no) for j in parts))
            summed = [pool.get(j) or aside[j] for j in parts]
            if whole_summed is not None and len(summed) > 1 and any(_whole_period(g) for g in summed):
                whole_summed()
            for j in parts:
                pool.pop(j, None)
                aside.pop(j, None)
        else:
            still.append(f)
    _same_period_parts(figs, pool, counted, reason, drop)
    # an opening total over the period holds the items' figures left, but not those its own sentence states
    # beside it ("追回违规资金1.38亿元，清退违规发放津补贴862.5万元" lists the 862.5 on its own)
    overall = [f for f in still if "overall" in f.tags or OVERALL.search(f.text)]
    beside = {f.start for f in overall}
    pool = {i: g for i, g in pool.items() if twins.get(i) not in beside}
    if not overall or not pool:
        return
    # a total broken down in full by kind (第一种形态29人次，其中诫勉5人次、批评教育17人次、责令检查7人次) holds only
    # figures of those kinds: item 11's 组织处理3名 is none of them (a breakdown that names one part of 各类资金
    # says nothing of the rest)
    kinds_listed: dict = {}
    for f in overall:
        parts = sorted((g for g in figs if reason.get(g.i) == "part_of_total" and ref.get(g.i) == f.match
                        and g.start == f.start), key=lambda g: g.match_start)
        whole = parts and abs(sum(g.value for g in parts) - f.value) < EPS * max(1.0, f.value)
        # each part's label and its own words ("其中提醒谈话、批评教育29人次": both kinds)
        ends = [f.match_end] + [g.match_end for g in parts[:-1]]
        kinds_listed[f.i] = [(g.label, f.text[e - f.start:g.match_start - f.start]) for g, e in zip(parts, ends)] \
            if whole else []

    def holds(total: _Fig, g: _Fig) -> bool:
        if _FIRST_FORM.search(total.label + total.text[:total.match_start - total.start][-30:]) \
                and _BEYOND_FIRST_FORM.search(g.label + g.text[:g.match_start - g.start][-20:]):
            return False   # the first of the 四种形态 (批评教育, 谈话, 诫勉) holds no transfer to the judiciary
        listed = kinds_listed[total.i]
        return not listed or any(_same_kind(g.label, label) or g.label in words for label, words in listed)

    pool = {i: g for i, g in pool.items() if any(holds(f, g) for f in overall)}
    if not pool:
        return
    kinds = {f.i: act(f.text[:f.match_start - f.start]) for f in overall}
    if None not in kinds.values() and len(set(kinds.values())) == len(overall) > 1:
        # totals by kind of act: each holds the items' figures of its kind, as far as it goes; a figure of
        # another kind is none of theirs and counts on its own
        room = {f.i: f.value for f in overall}
        for g in pool.values():
            total = next((f for f in overall if kinds[f.i] == act(g.text[:g.match_start - g.start])), None)
            if total is not None and g.value <= room[total.i] + EPS and holds(total, g):
                room[total.i] -= g.value
                drop(g, "in_opening_total", total.match)
    elif sum(f.value for f in overall) + EPS >= sum(g.value for g in pool.values()):
        for g in pool.values():
            drop(g, "in_opening_total", overall[0].match)


# an opening's count of the first of the 四种形态, and what is beyond it (an item's 移送司法机关1人 is none of it)
_FIRST_FORM = re.compile(r"第一种形态")
_BEYOND_FIRST_FORM = re.compile(r"移送|司法机关")


# the period a sentence opens with: "集中整治开展以来，…", "专项整治期间，…"
_PERIOD_OPENING = re.compile(r"^\s*(?:[^，,。；;:：]{1,8}[:：]\s*)?(?:[^，,。；;]{0,4}?(?:党委|党组|市|县|区|镇))?"
                             r"([^，,。；;:：\d]{2,16}?(?:以来|期间))[，,]")


def _same_period_parts(figs: list[_Fig], pool: dict, counted: dict, reason: dict, drop) -> None:
    """An item's figure in a sentence that opens with the period a summary total opens with ("集中整治开展以来，
    全市查处…立案103件" beside the summary's "集中整治开展以来，全市纪检监察机关共立案279件") is a part of
    that total, as far as it goes. The total may stand for figures that count in its place (a table's rows)."""
    totals, room = [], {}
    for f in figs:
        m = _PERIOD_OPENING.match(f.text)
        if f.item_seq is None and m and (counted[f.i] or reason.get(f.i) in ("sum_of_figures", "repeats_earlier")):
            totals.append((m.group(1), f))
            room[f.i] = f.value
    if not totals:
        return
    for g in list(pool.values()):
        m = _PERIOD_OPENING.match(g.text)
        total = m and next((t for period, t in totals if period == m.group(1) and g.value <= room[t.i] + EPS), None)
        if total:
            room[total.i] -= g.value
            drop(g, "in_opening_total", total.match)
            pool.pop(g.i, None)


def _bracket_end(text: str, pos: int) -> int:
    """Where the bracket opened right after pos closes (its end when it does not)."""
    depth = 0
    for k in range(pos, len(text)):
        if text[k] in "(（":
            depth += 1
        elif text[k] in ")）":
            depth -= 1
            if depth <= 0:
                return k
    return len(text)


def _subset_sum(pool: dict, target: float, most: int = 12, states: int = 50000) -> list | None:
    """Two or more of the pool's figures adding up to target, the fewest first: the sums reachable with k
    figures, k = 1, 2, …, as a table of whole units (bounded, so a long list of figures stays quick)."""
    # to the yuan (1e-4 万元): figures written in 元 (147,360元 = 14.736万元) add up exactly
    cents = {k: round(v * 10000) for k, v in pool.items() if 0 < v <= target + 1e-9}
    goal = round(target * 10000)
    if len(cents) < 2 or goal <= 0:
        return None
    keys, values = list(cents), list(cents.values())
    reach: dict[int, tuple] = {0: ()}     # sum in cents → the positions of the figures that make it
    for size in range(1, min(most, len(keys)) + 1):
        grown: dict[int, tuple] = {}
        for total, parts in reach.items():
            # each combination once: positions rising
            for n in range((parts[-1] + 1) if parts else 0, len(keys)):
                t = total + values[n]
                if t <= goal and t not in grown:
                    grown[t] = parts + (n,)
        if size >= 2 and goal in grown:
            return [keys[n] for n in grown[goal]]
        reach = grown
        if not reach or len(reach) > states:
            return None
    return None


def _no(n) -> str:
    return "" if n is None or (isinstance(n, float) and math.isnan(n)) else str(int(n))
