"""The journey format, version 1: pydantic models whose field docs also feed the JSON Schema.

The models describe a journey and nothing about how it is drawn. Cross-references between parts
(does `next` name a touchpoint?) are checked in `checks.py`, where each problem gets its own
position; here a field only checks its own value.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Strict,
    Tag,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

from cjmctl.i18n import _
from cjmctl.journey import validators
from cjmctl.journey.audits import Criterion, Outlet, WaveScores, wave_scores
from cjmctl.journey.evidence import Claims
from cjmctl.journey.fieldtypes import (
    MAX_REVIEW_DAYS,
    Count,
    Emotion,
    IsoDate,
    JourneyLink,
    Name,
    Number,
    ServiceScore,
    Slug,
    SlugList,
    Text,
    TextList,
)
from cjmctl.journey.metrics import Metric
from cjmctl.journey.parts import Identified as _Identified
from cjmctl.journey.parts import Part as _Part
from cjmctl.journey.parts import id_field as _id_field
from cjmctl.journey.priority import FivePoint, Importance
from cjmctl.journey.research import Research
from cjmctl.journey.scale import EmotionScale, default_scale
from cjmctl.journey.slugs import derive_ids
from cjmctl.journey.states import FutureState, StateName
from cjmctl.journey.terms import term_ru
from cjmctl.journey.theme import Theme

Days = Annotated[int, Strict(), Field(ge=1, le=MAX_REVIEW_DAYS)]


def _target_kind(value: object) -> str:
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    return "number" if is_number else "text"


Target = Annotated[
    Annotated[Number, Tag("number")] | Annotated[Text, Tag("text")],
    Discriminator(_target_kind),
]
"""An action's target: a number on its metric's scale, or words ("under 5%")."""


class Empathy(_Part):
    """The persona's empathy map: what they think, feel, say and do."""

    thinks: TextList = Field(
        default_factory=list,
        description="What the persona thinks (Empathy map: thinks).",
        json_schema_extra=term_ru("Думает"),
        examples=[["Will it fit through the door?"]],
    )
    feels: TextList = Field(
        default_factory=list,
        description="What the persona feels (Empathy map: feels).",
        json_schema_extra=term_ru("Чувствует"),
        examples=[["Tired of endless browsing"]],
    )
    says: TextList = Field(
        default_factory=list,
        description="What the persona says (Empathy map: says).",
        json_schema_extra=term_ru("Говорит"),
        examples=[["I want it delivered on a Saturday"]],
    )
    does: TextList = Field(
        default_factory=list,
        description="What the persona does (Empathy map: does).",
        json_schema_extra=term_ru("Делает"),
        examples=[["Measures the wall twice"]],
    )


class Persona(_Identified):
    """A fictional but research-based customer whose path the map follows."""

    model_config = ConfigDict(json_schema_extra=term_ru("Персона"))

    id: Slug = _id_field("persona", "anna")
    name: Name = Field(description="The persona's name.", examples=["Anna"])
    summary: Text | None = Field(
        None,
        description="One line about who this is: age, situation, lifestyle.",
        examples=["34, furnishing a new flat"],
    )
    goals: TextList = Field(
        default_factory=list,
        description="What the persona wants to achieve.",
        json_schema_extra=term_ru("Цели"),
        examples=[["Find a sofa that fits a 2 m wall"]],
    )
    habits: TextList = Field(
        default_factory=list,
        description="Habits and lifestyle.",
        json_schema_extra=term_ru("Привычки"),
        examples=[["Reads reviews before buying"]],
    )
    pains: TextList = Field(
        default_factory=list,
        description="What hurts or annoys the persona.",
        json_schema_extra=term_ru("Боли"),
        examples=[["No time to visit showrooms"]],
    )
    fears: TextList = Field(
        default_factory=list,
        description="What the persona is afraid of.",
        json_schema_extra=term_ru("Страхи"),
        examples=[["Paying for a sofa that will not fit"]],
    )
    empathy: Empathy = Field(
        default_factory=validators.Default(Empathy),
        description="Empathy map: thinks / feels / says / does.",
        json_schema_extra=term_ru("Карта эмпатии"),
        examples=[{"thinks": ["Is it worth the price?"], "does": ["Compares three shops"]}],
    )


class Channel(_Identified):
    """Where a contact happens: website, ads, store, call centre, e-mail, messenger."""

    model_config = ConfigDict(json_schema_extra=term_ru("Канал"))

    id: Slug = _id_field("channel", "web")
    name: Name = Field(description="The channel's name as people say it.", examples=["Website"])
    kind: Literal["digital", "physical", "human"] | None = Field(
        None,
        description="digital (site, app, ads, e-mail), physical (store, warehouse) or human "
        "(call centre, consultant).",
        examples=["digital"],
    )


class Touchpoint(_Identified):
    """One moment where the customer meets the company."""

    model_config = ConfigDict(json_schema_extra=term_ru("Точка контакта"))

    id: Slug = _id_field("touchpoint", "insta-ad")
    name: Name = Field(description="What this touchpoint is.", examples=["Instagram ad"])
    channel: Text | None = Field(
        None,
        description="Where it happens: a channel id when `channels` lists them, else a free label.",
        json_schema_extra=term_ru("Канал"),
        examples=["web"],
    )
    action: Text | None = Field(
        None,
        description="What the customer does here.",
        json_schema_extra=term_ru("Действия клиента"),
        examples=["Scrolls the feed and taps the ad"],
    )
    thoughts: Text | None = Field(
        None,
        description="What the customer thinks here.",
        json_schema_extra=term_ru("Мысли"),
        examples=["Nice colours, but is it in stock?"],
    )
    emotion: Emotion | None = Field(
        None,
        description="How the customer feels: a whole number on the journey's "
        "`emotion_scale`, from -2 (very negative) to +2 (very positive) unless it picks another, "
        "or one per persona as {persona_id: score}.",
        examples=[1, {"anna": 1, "boris": -1}],
        json_schema_extra=term_ru("Эмоции"),
    )
    feeling: Text | None = Field(None, description="A word for the emotion.", examples=["curious"])
    motives: TextList = Field(
        default_factory=list,
        description="Why the customer acts here.",
        json_schema_extra=term_ru("Мотивы"),
        examples=[["A sale ends on Sunday"]],
    )
    pains: TextList = Field(
        default_factory=list,
        description="What hurts or annoys the customer here.",
        json_schema_extra=term_ru("Боли"),
        examples=[["Delivery price shown only at checkout"]],
    )
    opportunities: TextList = Field(
        default_factory=list,
        description="What the company could do better here.",
        json_schema_extra=term_ru("Возможности"),
        examples=[["Show stock per showroom on the product page"]],
    )
    owner: Text | None = Field(
        None,
        description="The department behind this touchpoint.",
        json_schema_extra=term_ru("Ответственный"),
        examples=["Marketing"],
    )
    frontstage: TextList = Field(
        default_factory=list,
        description="Service blueprint: what staff or systems do in view of the customer.",
        json_schema_extra=term_ru("Фронт-офис"),
        examples=[["The greeter asks the purpose of the visit"]],
    )
    backstage: TextList = Field(
        default_factory=list,
        description="Service blueprint: what staff do out of the customer's view.",
        json_schema_extra=term_ru("Бэк-офис"),
        examples=[["The consultant checks the client's file"]],
    )
    support: TextList = Field(
        default_factory=list,
        description="Service blueprint: support processes and systems behind the touchpoint.",
        json_schema_extra=term_ru("Поддерживающие процессы и системы"),
        examples=[["CRM", "Queue management system"]],
    )
    backstage_owner: Text | None = Field(
        None,
        description="Service blueprint: who owns the backstage work.",
        json_schema_extra=term_ru("Владелец бэк-офиса"),
        examples=["Branch operations"],
    )
    state: StateName = Field(
        "both",
        description="Which state of the journey has this touchpoint: both (the default), "
        "current (it is removed in the future state) or future (it is added there).",
        examples=["future"],
    )
    future: FutureState | None = Field(
        None,
        description="How this touchpoint will be in the future state; what is left out stays "
        "as it is now.",
        json_schema_extra=term_ru("Будущее состояние"),
        examples=[{"emotion": 1, "change": "Documents listed in the booking SMS"}],
    )
    importance: Importance | None = Field(
        None,
        description="How important the touchpoint is, 1..5, to the customer and to the "
        "business: the priority matrix's vertical axis.",
        json_schema_extra=term_ru("Важность"),
        examples=[{"customer": 5, "business": 4}],
    )
    satisfaction: FivePoint | None = Field(
        None,
        description="How satisfied customers are here, 1..5: the priority "
        "matrix's horizontal axis. Left out, the latest research score of the touchpoint, "
        "0..100, read as 1..5.",
        examples=[2],
        json_schema_extra=term_ru("Удовлетворённость"),
    )
    claims: Claims = Field(
        default_factory=validators.Default(Claims),
        description="How the emotion, pains and thoughts are known: observed, assumed or "
        "proposed, with a source.",
        json_schema_extra=term_ru("Доказательность"),
        examples=[{"emotion": {"status": "observed", "source": "branch-csat"}}],
    )
    wow: Annotated[bool, Strict()] = Field(
        False,
        description="A wow moment: it makes people tell friends.",
        json_schema_extra=term_ru("Вау-эффект"),
        examples=[True],
    )
    next: SlugList | None = Field(
        None,
        description="Explicit flow: ids of the touchpoints (or stages) that follow this one. "
        "Left out, the next touchpoint in file order follows; an empty list ends the journey.",
        examples=[["catalog"], []],
    )
    link: JourneyLink | None = Field(
        None,
        description="Another journey of the project that the customer goes on to here (a "
        "sub-journey, or the next one): its path from the project root without `.yaml`, "
        "optionally with `#` and the id of one of its stages or touchpoints.",
        examples=["sofa-delivery", "sofa-delivery#slot"],
        json_schema_extra=term_ru("Связанный путь"),
    )
    evidence: SlugList = Field(
        default_factory=list,
        description="Ids of the research entries that back this touchpoint.",
        examples=[["survey-q3"]],
    )
    checklist: list[Criterion] = Field(
        default_factory=list,
        description="What a mystery shopper checks here, each criterion with its weight.",
        json_schema_extra=term_ru("Чек-лист тайного покупателя"),
        examples=[[{"id": "greeting", "name": "Greets within 30 s", "weight": 2}]],
    )

    def in_state(self, state: Literal["current", "future"]) -> bool:
        """Whether the touchpoint is part of the current or of the future state."""
        return self.state in ("both", state)

    def emotion_for(self, persona: str | None = None) -> int | None:
        """Return the emotion of one persona, or the shared one; None where none is given."""
        if isinstance(self.emotion, dict):
            return self.emotion.get(persona) if persona is not None else None
        return self.emotion


class Stage(_Identified):
    """A phase the customer goes through: search, choice, purchase, use, loyalty."""

    model_config = ConfigDict(json_schema_extra=term_ru("Этап"))

    id: Slug = _id_field("stage", "search")
    name: Name = Field(description="The stage's name.", examples=["Search"])
    goal: Text | None = Field(
        None,
        description="What the customer wants to achieve in this stage.",
        json_schema_extra=term_ru("Цель"),
        examples=["Find options that fit"],
    )
    expectations: TextList = Field(
        default_factory=list,
        description="What the customer expects in this stage.",
        json_schema_extra=term_ru("Ожидания"),
        examples=[["Prices on the first screen"]],
    )
    reached: Count | None = Field(
        None,
        description="How many customers reached this stage (funnel).",
        json_schema_extra=term_ru("Дошли до этапа"),
        examples=[10000],
    )
    link: JourneyLink | None = Field(
        None,
        description="Another journey of the project that the customer goes on to here (a "
        "sub-journey, or the next one): its path from the project root without `.yaml`, "
        "optionally with `#` and the id of one of its stages or touchpoints.",
        examples=["sofa-delivery"],
        json_schema_extra=term_ru("Связанный путь"),
    )
    touchpoints: list[Touchpoint] = Field(
        default_factory=list,
        description="The touchpoints of this stage, in the order the customer meets them.",
        json_schema_extra=term_ru("Точки контакта"),
    )


class Action(_Identified):
    """One action of the plan; its effect is measured by a metric."""

    model_config = ConfigDict(json_schema_extra=term_ru("План действий"))

    id: Slug = _id_field("action", "parking")
    title: Name = Field(
        description="What will be done.",
        examples=["Move pick-up parking next to the warehouse exit"],
    )
    addresses: SlugList = Field(
        default_factory=list,
        description="Ids of the touchpoints or stages this action improves.",
        examples=[["pickup"]],
    )
    owner: Text | None = Field(
        None,
        description="Who does it.",
        examples=["Logistics"],
        json_schema_extra=term_ru("Ответственный"),
    )
    metric: Text | None = Field(
        None,
        description="How the effect is measured: the id of one of `metrics`, or words.",
        json_schema_extra=term_ru("Метрика"),
        examples=["csat-pickup", "Orders abandoned at pick-up"],
    )
    target: Target | None = Field(
        None,
        description="The value of the metric to reach: a number (for a metric id; left out, "
        "the metric's own target) or words.",
        json_schema_extra=term_ru("Цель"),
        examples=[85, "under 2%"],
    )
    baseline: Number | None = Field(
        None,
        description="The metric's value when the action started. Left out, the last value "
        "measured before `started`.",
        examples=[58],
    )
    started: IsoDate | None = Field(
        None, description="When work on it began, YYYY-MM-DD.", examples=["2026-06-01"]
    )
    finished: IsoDate | None = Field(
        None, description="When it was done, YYYY-MM-DD.", examples=["2026-08-20"]
    )
    due: IsoDate | None = Field(
        None, description="When it should be done, YYYY-MM-DD.", examples=["2027-01-31"]
    )
    status: Literal["planned", "in_progress", "done", "dropped"] = Field(
        "planned",
        description="planned, in_progress, done or dropped.",
        examples=["in_progress"],
    )


class LintSettings(_Part):
    """How `cjmctl lint` treats this file."""

    disable: list[Annotated[str, Strict()]] = Field(
        default_factory=list,
        description="Lint rule ids switched off for this file.",
        examples=[["unsupported-emotion", "stale-map"]],
    )
    score_threshold: ServiceScore = Field(
        60,
        description="A research score below this (0..100) needs an action addressing it.",
        examples=[70],
    )
    kpi_stale_days: Days = Field(
        62,
        description="A metric whose latest value ended more than this many days ago is stale.",
        examples=[35],
    )
    target_after_days: Days = Field(
        90,
        description="Days after an action is finished by which its metric should reach the target.",
        examples=[60],
    )


class Journey(BaseModel):
    """A customer journey map: one file, one journey."""

    model_config = ConfigDict(
        extra="forbid",
        hide_input_in_errors=True,
        defer_build=True,
        title="cjmctl journey",
        json_schema_extra={
            "$comment": "Generated by `cjmctl schema`; do not edit by hand.",
            **term_ru("Карта пути клиента"),
        },
    )

    cjm: Literal[1] = Field(
        description="Format version of this file. Always 1 for now.", examples=[1]
    )
    title: Name = Field(
        description="The journey's title.", examples=["Buying a sofa at Mebel Plus"]
    )
    description: Text | None = Field(
        None,
        description="What the journey covers.",
        examples=["From the first search to delivery and a review."],
    )
    accessible_title: Name | None = Field(
        None,
        description="A title for screen readers where it should differ from the visible one "
        "(Mermaid's accTitle).",
        examples=["Customer journey of buying a sofa, by stage"],
    )
    locale: Literal["en", "ru"] = Field(
        "en", description="Language of the built-in labels: en or ru.", examples=["ru"]
    )
    emotion_scale: EmotionScale = Field(
        default_factory=default_scale,
        description="The scale of the emotions: whole numbers from `min` to "
        "`max`, -2..+2 unless given (1..5 as in Mermaid, 1..10, -3..+3), with optional names of "
        "the levels.",
        examples=[{"min": 1, "max": 5, "names": ["Awful", "Bad", "So-so", "Good", "Great"]}],
        json_schema_extra=term_ru("Шкала эмоций"),
    )
    theme: Theme | None = Field(
        None,
        description="Branding of the HTML map: palette, fonts, logo. Left out, the "
        "project's shared theme, if any; `--theme FILE` overrides both.",
        json_schema_extra=term_ru("Оформление"),
    )
    owner: Text | None = Field(
        None, description="Who keeps this map current.", examples=["CX team"]
    )
    reviewed: IsoDate | None = Field(
        None,
        description="When the map was last checked against research, YYYY-MM-DD.",
        json_schema_extra=term_ru("Дата проверки"),
        examples=["2026-09-15"],
    )
    review_every_days: Days | None = Field(
        None,
        description="After this many days since `reviewed` the map counts as stale.",
        examples=[90],
        json_schema_extra=term_ru("Пересматривать каждые N дней"),
    )
    include: list[Text] = Field(
        default_factory=list,
        description="Shared files this journey takes parts from, besides those its project "
        "file (`cjmctl.yaml`) names; paths relative to this file, inside the project.",
        examples=[["shared/personas.yaml"]],
    )
    personas: list[Persona] = Field(
        default_factory=list,
        description="The personas whose path is followed. An entry may be the id of "
        "a shared persona, or a mapping with its id whose keys replace the shared ones.",
        json_schema_extra=term_ru("Персоны"),
    )
    channels: list[Channel] = Field(
        default_factory=list,
        description="Optional registry of channels; when given, touchpoints name them by id. "
        "An entry may be the id of a shared channel.",
        json_schema_extra=term_ru("Каналы"),
    )
    stages: list[Stage] = Field(
        min_length=1,
        description="The stages of the journey, in order.",
        json_schema_extra=term_ru("Этапы"),
    )
    actions: list[Action] = Field(
        default_factory=list,
        description="The action plan.",
        json_schema_extra=term_ru("План действий"),
    )
    research: list[Research] = Field(
        default_factory=list,
        description="Where the map's claims come from.",
        json_schema_extra=term_ru("Исследования"),
    )
    metrics: list[Metric] = Field(
        default_factory=list,
        description="KPIs with targets, measured over time.",
        json_schema_extra=term_ru("Метрики"),
    )
    metric_files: list[Text] = Field(
        default_factory=list,
        description="CSV files of metric values, with the columns date, metric, value "
        "(and an optional note); paths relative to this file, inside the repository.",
        examples=[["kpi/2026.csv"]],
    )
    outlets: list[Outlet] = Field(
        default_factory=list,
        description="Outlets that mystery shoppers visit: branches, stores, retailers, desks.",
        json_schema_extra=term_ru("Точки продаж"),
    )
    lint: LintSettings = Field(
        default_factory=validators.Default(LintSettings),
        description="Settings for `cjmctl lint` in this file.",
        examples=[{"disable": ["stale-map"], "score_threshold": 70}],
    )

    @model_validator(mode="after")
    def _fill_ids(self, info: ValidationInfo) -> Journey:
        derive_ids(self.parts())
        if "emotion_scale" not in (info.context or {}):
            self._check_scale()
        return self

    def _check_scale(self) -> None:
        """Every score on the journey's scale, where no loader held each to it in place."""
        scale = self.emotion_scale
        for _stage, tp in self.touchpoints():
            for given in (tp.emotion, tp.future.emotion if tp.future else None):
                scores = given.values() if isinstance(given, dict) else [given]
                off = [s for s in scores if s is not None and not scale.contains(s)]
                if off:
                    raise PydanticCustomError(
                        "emotion_scale",
                        _("{value} is outside the emotion scale {low}..{high}"),
                        {"value": off[0], "low": scale.min, "high": scale.max},
                    )

    def parts(self) -> list[tuple[str, _Identified, str]]:
        """List every part that has an id, in file order, as (kind, part, name)."""
        found: list[tuple[str, _Identified, str]] = []
        found += [("persona", p, p.name) for p in self.personas]
        found += [("channel", c, c.name) for c in self.channels]
        for stage in self.stages:
            found.append(("stage", stage, stage.name))
            found += [("touchpoint", t, t.name) for t in stage.touchpoints]
        found += [("action", a, a.title) for a in self.actions]
        found += [("research", r, r.title) for r in self.research]
        found += [("metric", m, m.name) for m in self.metrics]
        found += [("outlet", o, o.name) for o in self.outlets]
        return found

    def checklists(self) -> dict[str, list[Criterion]]:
        """Each touchpoint's audit checklist, by touchpoint id (only those that have one)."""
        return {tp.id: tp.checklist for _stage, tp in self.touchpoints() if tp.checklist}

    def audit(self, entry: Research) -> WaveScores:
        """The scores an entry's mystery-shopper visits give, overall and per outlet."""
        return wave_scores(entry.visits, self.checklists())

    def scores_of(self, entry: Research) -> dict[str, float]:
        """A research entry's score 0..100 per touchpoint, in the order the file gives them.

        Written `scores` first; then touchpoints scored only by the entry's visits, then
        only by its survey `ratings`.
        """
        found: dict[str, float] = {k: float(v) for k, v in entry.scores.items()}
        for computed in (self.audit(entry).overall, entry.rating_scores()):
            for tp_id, score in computed.items():
                found.setdefault(tp_id, score)
        return found

    def waves(self) -> dict[str, list[Research]]:
        """The waves of each repeated study, by study id, oldest first (undated waves first)."""
        studies: dict[str, list[Research]] = {}
        for entry in self.research:
            if entry.study is not None:
                studies.setdefault(entry.study, []).append(entry)
        for entries in studies.values():
            entries.sort(key=lambda e: e.date or date.min)
        return studies

    def metric(self, ref: str | None) -> Metric | None:
        """The metric `ref` (an action's `metric`) names by id, if it names one."""
        return next((m for m in self.metrics if m.id == ref), None) if ref else None

    def review_due(self) -> date | None:
        """The day the next review is due: `reviewed` + `review_every_days`; None if unknown.

        The map is stale from the day after. A due day past 9999-12-31, the last one a date
        can name, is that day: such a map is never stale.
        """
        if self.reviewed is None or self.review_every_days is None:
            return None
        days = min(self.review_every_days, (date.max - self.reviewed).days)
        return self.reviewed + timedelta(days=days)

    def touchpoints(self) -> list[tuple[Stage, Touchpoint]]:
        """List every touchpoint with its stage, in file order."""
        return [(stage, tp) for stage in self.stages for tp in stage.touchpoints]

    def entries(self, state: Literal["current", "future"] = "current") -> dict[str, Touchpoint]:
        """Where a flow reference leads in `state`, by the id it names.

        A touchpoint of the state leads to itself; a stage to its first touchpoint, or the
        first one after it when it has none; a touchpoint the state does not have (one added
        or removed in the future) to the first one after it that the state has, as an empty
        stage does. A reference that leads nowhere (after the last touchpoint) is not here.
        """
        entry: dict[str, Touchpoint] = {}
        upcoming: Touchpoint | None = None
        for stage in reversed(self.stages):
            for tp in reversed(stage.touchpoints):
                if tp.in_state(state):
                    upcoming = tp
                elif upcoming is not None:
                    entry.setdefault(tp.id, upcoming)
            if upcoming is not None:
                entry[stage.id] = upcoming
        entry.update({tp.id: tp for _stage, tp in self.touchpoints() if tp.in_state(state)})
        return entry

    def onward(
        self, tp: Touchpoint, entry: dict[str, Touchpoint], stage_ids: set[str]
    ) -> list[Touchpoint]:
        """The touchpoints `tp`'s `next` leads to, given `entries(state)` and the stages' ids.

        A reference to a touchpoint the state lacks that leads back to `tp` itself, or to a
        touchpoint already listed, is left out: the author wrote neither a loop nor a repeat.
        """
        found: list[Touchpoint] = []
        for ref in tp.next or []:
            target = entry.get(ref)
            if target is None:
                continue
            absent = target.id != ref and ref not in stage_ids
            if absent and (target is tp or any(t is target for t in found)):
                continue
            found.append(target)
        return found

    def flow(
        self, state: Literal["current", "future"] = "current"
    ) -> list[tuple[Touchpoint, Touchpoint]]:
        """List the steps of the journey in `state` as (from, to) touchpoint pairs.

        A touchpoint leads to the next one in file order, across stages, unless it lists
        `next`: then it leads to those (`entries` says where each reference leads), and
        `next: []` ends the journey there. Touchpoints the state does not have are passed over:
        the current flow skips those added in the future (`state: future`), the future flow
        those removed (`state: current`). References that name nothing are left out; the
        loader reports them.
        """
        ordered = [tp for _stage, tp in self.touchpoints() if tp.in_state(state)]
        entry = self.entries(state)
        stage_ids = {stage.id for stage in self.stages}
        steps: list[tuple[Touchpoint, Touchpoint]] = []
        for i, tp in enumerate(ordered):
            if tp.next is None:
                if i + 1 < len(ordered):
                    steps.append((tp, ordered[i + 1]))
                continue
            steps += [(tp, target) for target in self.onward(tp, entry, stage_ids)]
        return steps
