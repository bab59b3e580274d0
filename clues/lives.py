"""The register's rules: each kind of clue, the dated steps of its life, who records each step, what
may follow it, and the clock the rule sets for what follows (calendar days, working days, hours or
months, from the step's date). A clue's stage is its latest step; its deadline is worked out from
that step and the clock (clues/deadlines.py), never typed in. The texts cited:

- 国务院《行政执法机关移送涉嫌犯罪案件的规定》（国务院令第310号，2020年修订）第五条、第八条、第九条、第十二条;
- 六部委《关于实施刑事诉讼法若干问题的规定》第18条（说明不立案理由七日，通知立案后十五日内立案）;
- 最高人民检察院《关于推进行政执法与刑事司法衔接工作的规定》（2021）：检察意见两个月内书面回复;
- 最高人民检察院《人民检察院行刑反向衔接工作指引》（2025）：受理之日起十个工作日内审查终结，征求其他
  检察院意见的时间不计入，复议、复核、申诉期间中止;
- 两高《关于检察公益诉讼案件适用法律若干问题的解释》（2018）第二十一条：诉前检察建议两个月内回复，
  紧急的十五日（that period lives on the linked 检察建议, internal.Recommendation）."""

from dataclasses import dataclass
from enum import StrEnum

from django.db import models


class ClueKind(models.TextChoices):
    TRANSFER = "transfer", "涉嫌犯罪案件移送"
    OPINION = "opinion", "检察意见（反向衔接）"
    PUBLIC_INTEREST = "public_interest", "公益诉讼线索"
    URGE = "urge", "建议移送"
    DISCIPLINE = "discipline", "职务违法线索"


class ClueSource(models.TextChoices):
    AGENCY = "agency", "行政机关移送"
    HOTLINE_12345 = "12345", "12345政务服务便民热线"
    HOTLINE_12309 = "12309", "12309检察服务热线"
    CASE = "case", "办案中发现"


class By(StrEnum):
    """Who records a step: the clue's unit (the agency), the police unit it was sent to, or the
    procuratorate (and the joint-meeting office, who may record anything for a unit)."""

    UNIT = "unit"
    POLICE = "police"
    PROCURATORATE = "procuratorate"


@dataclass(frozen=True)
class Clock:
    amount: int
    unit: str  # "days" | "working_days" | "hours" | "months" | "month_end" | "recommendation"
    basis: str
    # An option's window (复议 after 不立案): when it passes unused, nobody is late.
    window: bool = False
    # Pauses (中止审查, 征求其他检察院意见) add their working days to the clock.
    pausable: bool = False


@dataclass(frozen=True)
class Step:
    code: str
    label: str
    by: By
    stage: str  # what the clue's stage reads while this is its latest step
    then: tuple[str, ...] = ()  # what may follow; nothing: the clue is closed
    clock: Clock | None = None  # the time the rule gives for what follows
    needs_time: bool = False  # the 24-hour rule counts from the hour
    needs_notes: str = ""  # the notes are required, with this label (理由, 处罚结果 …)
    opens: str = ""  # recording it opens another record: "recommendation" | "transfer"

    @property
    def closes(self) -> bool:
        return not self.then


D310 = "《行政执法机关移送涉嫌犯罪案件的规定》"
TRANSFER = (
    Step("reported", "承办人提出移送涉嫌犯罪案件的书面报告", By.UNIT, "待负责人审批",
         ("approved", "not_approved"),
         Clock(3, "days", f"{D310}第五条：自接到报告之日起3日内作出批准或者不批准移送的决定")),
    Step("approved", "负责人批准移送", By.UNIT, "批准移送，待移送公安机关", ("transferred",),
         Clock(24, "hours", f"{D310}第五条：决定批准的，应当在24小时内向同级公安机关移送"), needs_time=True),
    Step("not_approved", "负责人不批准移送", By.UNIT, "不批准移送", (), needs_notes="不予批准的理由"),
    Step("transferred", "移送公安机关（公安机关签收）", By.UNIT, "已移送，待公安机关审查",
         ("filed", "declined"),
         Clock(3, "days", f"{D310}第八条：公安机关自接受移送之日起3日内决定立案或者不予立案，书面通知移送机关"),
         needs_time=True),
    Step("filed", "公安机关决定立案", By.POLICE, "已立案，待移交涉案物品", ("items_handed",),
         Clock(3, "days", f"{D310}第十二条：自接到立案通知书之日起3日内将涉案物品及有关材料移交公安机关")),
    Step("items_handed", "移交涉案物品和有关材料", By.UNIT, "已立案，已移交涉案物品"),
    Step("declined", "公安机关决定不予立案", By.POLICE, "不予立案", ("reconsideration", "supervision"),
         Clock(3, "days", f"{D310}第九条：自接到不予立案通知书之日起3日内可以提请复议，"
                          "也可以建议人民检察院依法进行立案监督", window=True),
         needs_notes="不予立案的理由"),
    Step("reconsideration", "移送机关提请复议", By.UNIT, "复议中", ("reconsidered_filed", "reconsidered_declined"),
         Clock(3, "days", f"{D310}第九条：公安机关自收到提请复议的文件之日起3日内作出决定，书面通知移送机关")),
    Step("reconsidered_filed", "复议后决定立案", By.POLICE, "复议后立案，待移交涉案物品", ("items_handed",),
         Clock(3, "days", f"{D310}第十二条：自接到立案通知书之日起3日内将涉案物品及有关材料移交公安机关")),
    Step("reconsidered_declined", "复议后维持不予立案", By.POLICE, "复议维持不予立案", ("supervision",),
         needs_notes="复议决定的理由"),
    Step("supervision", "检察院立案监督，要求公安机关说明不立案理由", By.PROCURATORATE, "立案监督，待说明理由",
         ("explained",),
         Clock(7, "days", "《关于实施刑事诉讼法若干问题的规定》第18条：公安机关收到要求说明不立案理由通知书后七日内书面说明")),
    Step("explained", "公安机关书面说明不立案理由", By.POLICE, "立案监督，待检察院审查理由",
         ("notified", "reason_accepted"), needs_notes="说明的理由"),
    Step("reason_accepted", "检察院认为不立案理由成立", By.PROCURATORATE, "监督结束（理由成立）", (),
         needs_notes="审查意见"),
    Step("notified", "检察院通知公安机关立案", By.PROCURATORATE, "已通知立案，待公安机关立案", ("supervised_filed",),
         Clock(15, "days", "《关于实施刑事诉讼法若干问题的规定》第18条：公安机关收到通知立案书后十五日内决定立案")),
    Step("supervised_filed", "公安机关根据通知立案", By.POLICE, "监督立案，待移交涉案物品", ("items_handed",),
         Clock(3, "days", f"{D310}第十二条：自接到立案通知书之日起3日内将涉案物品及有关材料移交公安机关")),
)  # fmt: skip

OPINION = (
    Step("registered", "行政检察部门受理登记", By.PROCURATORATE, "审查中", ("opinion_delivered", "review_ended"),
         Clock(10, "working_days", "《人民检察院行刑反向衔接工作指引》：自受理之日起十个工作日内审查终结"
                                   "（征求其他检察院意见的时间不计入，复议、复核、申诉期间中止）", pausable=True)),
    Step("review_ended", "审查终结，不提出检察意见", By.PROCURATORATE, "审查终结（不提出检察意见）", (),
         needs_notes="审查结论"),
    Step("opinion_delivered", "检察意见书送达主管机关", By.PROCURATORATE, "检察意见已送达，待书面回复",
         ("replied_punished", "replied_not_punished"),
         Clock(2, "months", "最高人民检察院《关于推进行政执法与刑事司法衔接工作的规定》：主管机关自收到检察意见书之日起"
                            "两个月内书面回复处理结果")),
    Step("replied_punished", "主管机关回复：已作出行政处罚", By.UNIT, "已回复（已处罚），跟进监督",
         ("followed_up", "recommendation"), needs_notes="处罚决定"),
    Step("replied_not_punished", "主管机关回复：不予行政处罚", By.UNIT, "已回复（不予处罚），跟进监督",
         ("followed_up", "recommendation"), needs_notes="不予处罚的理由"),
    Step("followed_up", "跟进监督，办结", By.PROCURATORATE, "已办结", (), needs_notes="跟进监督情况"),
    Step("recommendation", "跟进监督，制发检察建议", By.PROCURATORATE, "已转检察建议", (), opens="recommendation"),
)  # fmt: skip

PUBLIC_INTEREST = (
    Step("received", "受理线索", By.PROCURATORATE, "初查中", ("case_opened", "not_opened")),
    Step("not_opened", "初查后不立案", By.PROCURATORATE, "不立案", (), needs_notes="不立案的理由"),
    Step("case_opened", "立案", By.PROCURATORATE, "已立案", ("consulted", "recommendation", "concluded")),
    Step("consulted", "诉前磋商", By.PROCURATORATE, "诉前磋商", ("recommendation", "concluded"),
         needs_notes="磋商情况"),
    Step("recommendation", "制发诉前检察建议", By.PROCURATORATE, "诉前检察建议，待回复", ("sued", "concluded"),
         Clock(0, "recommendation", "两高《关于检察公益诉讼案件适用法律若干问题的解释》第二十一条："
                                    "收到检察建议书之日起两个月内书面回复，紧急的十五日内"),
         opens="recommendation"),
    Step("sued", "提起公益诉讼", By.PROCURATORATE, "已起诉"),
    Step("concluded", "结案", By.PROCURATORATE, "已结案", (), needs_notes="结案情况"),
)  # fmt: skip

URGE = (
    Step("urged", "检察院建议移送", By.PROCURATORATE, "已建议移送，待行政机关处理",
         ("urge_transferred", "urge_refused")),
    Step("urge_transferred", "行政机关已移送公安机关", By.UNIT, "已移送", (), opens="transfer"),
    Step("urge_refused", "行政机关不移送", By.UNIT, "不移送（已说明理由）", ("urge_escalated", "urge_closed"),
         needs_notes="不移送的理由"),
    Step("urge_escalated", "检察院通知公安机关立案或报告上级", By.PROCURATORATE, "已进一步监督", (),
         needs_notes="监督措施"),
    Step("urge_closed", "检察院认可不移送理由，办结", By.PROCURATORATE, "已办结", (), needs_notes="审查意见"),
)  # fmt: skip

DISCIPLINE = (
    Step("found", "发现职务违法线索", By.PROCURATORATE, "待移交", ("handed_over",)),
    Step("handed_over", "移交纪检监察机关", By.PROCURATORATE, "已移交，待反馈", ("feedback",)),
    Step("feedback", "收到纪检监察机关反馈", By.PROCURATORATE, "已反馈"),
)  # fmt: skip

LIVES: dict[str, tuple[Step, ...]] = {
    ClueKind.TRANSFER: TRANSFER,
    ClueKind.OPINION: OPINION,
    ClueKind.PUBLIC_INTEREST: PUBLIC_INTEREST,
    ClueKind.URGE: URGE,
    ClueKind.DISCIPLINE: DISCIPLINE,
}
STEPS: dict[tuple[str, str], Step] = {
    (kind, step.code): step for kind, life in LIVES.items() for step in life
}
# Every step code with its label (a code's label is the same in every kind that has it).
STEP_CHOICES = sorted({(step.code, step.label) for life in LIVES.values() for step in life})

# A pause in the 检察意见 review (not a step of the life: the stage stays where it was).
PAUSE_CODE = "pause"
PAUSE_LABEL = "中止审查或征求其他检察院意见"
# The procuratorate's feedback to a public-interest clue's source, due by the end of the month the
# clue came in (the monthly hand-over and month-end feedback counties practise with 12345 centres).
FEEDBACK_CODE = "feedback_to_source"
FEEDBACK_LABEL = "向线索来源反馈办理情况"
FEEDBACK_SOURCES = {ClueSource.AGENCY, ClueSource.HOTLINE_12345, ClueSource.HOTLINE_12309}


def first_step(kind: str) -> Step:
    return LIVES[kind][0]


def step_of(kind: str, code: str) -> Step:
    return STEPS[(kind, code)]


def closing_codes(kind: str | None = None) -> set[str]:
    return {s.code for k, life in LIVES.items() if kind in (None, k) for s in life if s.closes}


def window_codes() -> set[str]:
    """Stages whose clock is only an option's window: past it, nothing is overdue."""
    return {s.code for life in LIVES.values() for s in life if s.clock and s.clock.window}


# The stages a report counts (clue_stats): each a set of step codes, any kind.
POLICE_ACCEPTED = {"filed", "reconsidered_filed", "supervised_filed"}
POLICE_DECLINED = {"declined"}
SUPERVISED = {"supervision"}


def life_steps(steps):
    """The steps of the life itself, in order (pauses and feedback set aside)."""
    return [
        s for s in sorted(steps, key=lambda s: (s.on, s.pk or 0)) if s.code not in (PAUSE_CODE, FEEDBACK_CODE)
    ]
