"""`cjmctl import audit`: an agency's CSV of visits becomes one research entry of a journey."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cjmctl.importers.audit import import_audit
from cjmctl.journey import csvtable, loader
from cjmctl.journey.diagnostics import JourneyError, format_text
from cjmctl.journey.model import Journey
from tests.conftest import ROOT

Streams = Callable[..., tuple[int, bytes, str]]
FIXTURES = ROOT / "tests" / "fixtures" / "audit"
JOURNEY = FIXTURES / "journey.yaml"
HEADER = "дата;филиал;точка контакта;критерий;оценка;комментарий\n"


def _journey() -> Journey:
    return loader.load(JOURNEY)


def _imported(data: bytes, name: str = "visits.csv", **options: str) -> str:
    table = csvtable.read(data, name, encoding=options.pop("encoding", "utf-8"))
    return import_audit(table, _journey(), **options).yaml


def _errors(text: str) -> list[str]:
    with pytest.raises(JourneyError) as caught:
        _imported(text.encode("utf-8"))
    return format_text(caught.value.diagnostics)


def _with_waves(tmp_path: Path, *waves: str) -> Journey:
    """The fixture journey with the imported waves pasted under its `research:`."""
    path = tmp_path / "map.yaml"
    path.write_text(JOURNEY.read_text(encoding="utf-8") + "".join(waves), encoding="utf-8")
    return loader.load(path)


def test_an_agency_export_pasted_under_research_gives_the_scores_of_its_visits(
    tmp_path: Path,
) -> None:
    data = (FIXTURES / "wave-2.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # as Excel saves 'CSV UTF-8', with ; and CRLF
    journey = _with_waves(tmp_path, _imported(data))
    entry = journey.research[-1]
    assert (entry.id, entry.kind, entry.study, entry.wave) == (
        "audit-2026-q2",
        "mystery_shopping",
        "audit",
        "2026 Q2",
    )
    assert (str(entry.date), entry.sample, entry.title) == (
        "2026-05-21",
        3,
        "Тайный покупатель, 2026 Q2",
    )
    assert [(v.outlet, str(v.date)) for v in entry.visits] == [
        ("central", "2026-05-12"),
        ("riverside", "2026-05-14"),
        ("north", "2026-05-21"),
    ]
    assert entry.visits[2].notes == ["Терминал не печатал талоны, выдали вручную"]
    scores = journey.scores_of(entry)
    # greeter: yes/yes (weights 2, 1) everywhere; waiting-area: seats yes/no and points 80/45/60
    # (weight 3); consultant: needs and product in points (weights 2, 3).
    assert scores["greeter"] == 100
    assert scores["waiting-area"] == pytest.approx(((100 + 240) + (0 + 135) + (100 + 180)) / 12)
    assert scores["consultant"] == pytest.approx((160 + 255 + 120 + 165 + 180 + 225) / 15)
    assert journey.audit(entry).by_outlet["kiosk"] == {"central": 100, "riverside": 100, "north": 0}


def test_two_waves_of_one_study_are_ordered_and_share_the_study(tmp_path: Path) -> None:
    first, second = (_imported((FIXTURES / f"wave-{n}.csv").read_bytes()) for n in (1, 2))
    journey = _with_waves(tmp_path, second, first)
    assert [e.id for e in journey.waves()["audit"]] == ["audit-2026-q1", "audit-2026-q2"]


def test_ids_and_names_are_both_accepted_in_any_case_and_spacing() -> None:
    text = (
        "date,outlet,touchpoint,criterion,score\n"
        "2026-05-12,central,greeter,greeting,yes\n"
        "2026-05-12,  центральное   ОТДЕЛЕНИЕ ,встреча у входа,Подсказали окно,0\n"
        "2026-05-12,central,waiting-area,wait-time,75\n"
    )
    out = _imported(text.encode())
    assert "greeting: true\n            route: false\n" in out
    assert "wait-time: 75\n" in out
    assert "sample: 1\n" in out


def test_options_name_the_entry_study_wave_and_title() -> None:
    text = "date,outlet,touchpoint,criterion,score\n2026-05-12,central,greeter,greeting,да\n"
    out = _imported(
        text.encode(), entry_id="q2", title="Весенний аудит", study="branches", wave="Весна"
    )
    assert out.startswith(
        "  - id: q2\n    kind: mystery_shopping\n    title: Весенний аудит\n"
        "    date: 2026-05-12\n    sample: 1\n    study: branches\n    wave: Весна\n"
    )


_SCORE_HINT = "  hint: write a whole number from 0 to 100, or yes/no (да/нет, 1/0, true/false)"


def test_every_bad_row_is_an_error_at_its_line_and_column() -> None:
    text = HEADER + (
        "12.05.2026;Центральное отделение;Встреча у входа;Поздоровались в течение 30 секунд;да;\n"
        "31.02.2026;Центральное отделение;Встреча у входа;Подсказали окно;да;\n"
        "12.05.2026;Центральное;Встреча у входа;Подсказали окно;да;\n"
        "12.05.2026;north;Встреча у вхда;Подсказали окно;да;\n"
        "12.05.2026;north;Встреча у входа;Улыбнулись;да;\n"
        "12.05.2026;north;Встреча у входа;Подсказали окно;может быть;\n"
        "12.05.2026;north;Встреча у входа;Подсказали окно;101;\n"
        "12.05.2026;Центральное отделение;greeter;greeting;нет;\n"
        "12.05.2026;north;;route;да;\n"
        "12.05.2026;north;greeter\n"
    )
    assert _errors(text) == [
        "visits.csv:3:1: error: date: '31.02.2026' is not a date [csv]",
        "  hint: write the day of the visit as 2026-05-12 or 12.05.2026",
        "visits.csv:4:12: error: outlet: 'Центральное' is not the id or the name of an outlet of "
        "the journey [csv]",
        "  hint: did you mean 'Центральное отделение'?",
        "visits.csv:5:18: error: touchpoint: 'Встреча у вхда' is not the id or the name of a "
        "touchpoint of the journey [csv]",
        "  hint: did you mean 'Встреча у входа'?",
        "visits.csv:6:34: error: criterion: 'Улыбнулись' is not a criterion of the checklist of "
        "touchpoint 'greeter' [csv]",
        "  hint: add it to the checklist of 'greeter': {id: ulybnulis, name: Улыбнулись}",
        "visits.csv:7:50: error: score: 'может быть' is not a score [csv]",
        _SCORE_HINT,
        "visits.csv:8:50: error: score: '101' is not a score [csv]",
        _SCORE_HINT,
        "visits.csv:9:42: error: criterion: a second result for 'greeting' of 'greeter' in the "
        "visit to 'central' on 2026-05-12 [csv]",
        "  hint: the first is at visits.csv:2:50; keep one",
        "visits.csv:10:18: error: touchpoint: the touchpoint is missing [csv]",
        "  hint: write the id or the name of one of the journey's touchpoints",
        "visits.csv:11:26: error: criterion: the criterion is missing [csv]",
        "  hint: write the id or the name of a criterion of the touchpoint's checklist",
    ]


def test_a_misspelt_criterion_is_suggested_from_the_touchpoints_checklist() -> None:
    text = "date,outlet,touchpoint,criterion,score\n2026-05-12,central,greeter,greting,yes\n"
    assert _errors(text) == [
        "visits.csv:2:28: error: criterion: 'greting' is not a criterion of the checklist of "
        "touchpoint 'greeter' [csv]",
        "  hint: did you mean 'greeting'? else add it to the checklist of 'greeter': "
        "{id: greting, name: greting}",
    ]


def test_unknown_and_missing_columns_are_named_in_the_header() -> None:
    assert _errors("дата;филиал;точка контакта;критерий;оцнка\n") == [
        "visits.csv:1:37: error: unknown column 'оцнка' [csv]",
        "  hint: did you mean 'оценка'? an audit export has the columns `date`, `outlet`, "
        "`touchpoint`, `criterion`, `score` and `comment`",
    ]
    assert _errors("date,outlet,criterion\n") == [
        "visits.csv:1:1: error: missing columns: touchpoint, score [csv]",
        "  hint: the first row names the columns: date, outlet, touchpoint, criterion, score "
        "(and comment)",
    ]
    assert _errors("date,outlet,touchpoint,criterion,score\n") == [
        "visits.csv:1:1: error: the file has no visits [csv]",
        "  hint: one row per criterion",
    ]


def test_windows_1251_is_read_with_encoding() -> None:
    text = HEADER + "12.05.2026;Северное отделение;Прощание;Поблагодарил за визит;да;Спасибо\n"
    data = text.encode("cp1251")
    with pytest.raises(JourneyError) as caught:
        _imported(data)
    assert format_text(caught.value.diagnostics)[0].startswith(
        "visits.csv:1:1: error: the file is not valid utf-8: byte 0xE4 cannot stand here"
    )
    out = _imported(data, encoding="cp1251")
    assert "outlet: north" in out
    assert "notes:\n          - Спасибо\n" in out


HOSTILE = "<script>alert(1)</script> \"q\" 'a' #x: {y} [z] & *r !t @team |p `c` ---"


def test_hostile_comments_stay_text_in_yaml(tmp_path: Path) -> None:
    quoted = '"' + HOSTILE.replace('"', '""') + '"'
    head = "date,outlet,touchpoint,criterion,score,comment\n"
    text = f"{head}2026-05-12,north,farewell,thanks,1,{quoted}\n"
    journey = _with_waves(tmp_path, _imported(text.encode()))
    assert journey.research[-1].visits[0].notes == [HOSTILE]


# --- the command ------------------------------------------------------------------------------


def test_the_command_prints_the_entry_and_a_summary_on_stderr(cli_streams: Streams) -> None:
    code, out, err = cli_streams(
        "import", "audit", str(FIXTURES / "wave-1.csv"), "--journey", str(JOURNEY)
    )
    assert code == 0
    assert out.decode().startswith("  - id: audit-2026-q1\n")
    assert err == (
        f"{FIXTURES / 'wave-1.csv'}: 3 visits to 3 outlets (39 rows) as research entry "
        f"'audit-2026-q1'; paste it under `research:` in {JOURNEY}\n"
    )


def test_the_command_writes_a_file_atomically_and_never_over_an_input(
    cli_streams: Streams, tmp_path: Path
) -> None:
    visits = FIXTURES / "wave-1.csv"
    target = tmp_path / "wave.yaml"
    code, out, err = cli_streams(
        "import", "audit", str(visits), "--journey", str(JOURNEY), "-o", str(target)
    )
    assert (code, out) == (0, b"")
    assert err.startswith(f"wrote {target}: 3 visits")
    assert target.read_text(encoding="utf-8").startswith("  - id: audit-2026-q1\n")
    code, _, err = cli_streams(
        "import", "audit", str(visits), "--journey", str(JOURNEY), "-o", str(target)
    )
    assert (code, err) == (1, f"cjmctl: {target} exists; use --force to overwrite it\n")
    for given in (visits, JOURNEY):
        code, _, err = cli_streams(
            "import", "audit", str(visits), "--journey", str(JOURNEY), "-o", str(given)
        )
        assert code == 2
        assert "is an input; write the research entry to another file" in err


def test_the_command_reports_bad_rows_and_exits_1(cli_streams: Streams, tmp_path: Path) -> None:
    visits = tmp_path / "visits.csv"
    visits.write_text("date,outlet,touchpoint,criterion,score\n2026-05-12,x,greeter,greeting,1\n")
    code, out, err = cli_streams("import", "audit", str(visits), "--journey", str(JOURNEY))
    assert (code, out) == (1, b"")
    assert err.startswith(
        f"{visits}:2:12: error: outlet: 'x' is not the id or the name of an outlet of the journey"
    )


def test_the_command_refuses_bad_options_with_exit_2(cli_streams: Streams) -> None:
    args = ("import", "audit", str(FIXTURES / "wave-1.csv"), "--journey", str(JOURNEY))
    code, _, err = cli_streams(*args, "--encoding", "klingon")
    assert code == 2
    assert "unknown encoding 'klingon'" in err
    code, _, err = cli_streams(*args, "--id", "Not An Id")
    assert code == 2
    assert "'Not An Id' is not an id" in err


@pytest.mark.parametrize("encoding", ["base64", "zlib"])
def test_an_encoding_that_is_not_a_text_encoding_is_a_usage_error(
    cli_streams: Streams, encoding: str
) -> None:
    args = ("import", "audit", str(FIXTURES / "wave-1.csv"), "--journey", str(JOURNEY))
    code, out, err = cli_streams(*args, "--encoding", encoding)
    assert (code, out) == (2, b"")
    assert err.splitlines()[-1] == (
        f"Error: Invalid value for '--encoding': {encoding!r} is not a text encoding; "
        "e.g. utf-8, utf-16 or cp1251"
    )


def test_a_cell_beyond_the_header_is_an_error_not_a_truncated_row() -> None:
    text = (
        "date,outlet,touchpoint,criterion,score\n"
        "2026-05-12,central,kiosk,ticket,87,5\n"
        "2026-05-12,central,greeter,greeting,yes\n"
    )
    assert _errors(text) == [
        "visits.csv:2:36: error: a cell beyond the header's 5 columns [csv]",
        '  hint: a decimal comma splits a number in two in a comma-separated file: quote it ("4,5"'
        "), write 4.5, or save the file separated by semicolons",
    ]


def test_one_and_zero_are_yes_and_no_only_where_the_criterion_has_no_other_points() -> None:
    head = "date,outlet,touchpoint,criterion,score\n"
    text = head + (
        "2026-05-12,central,greeter,greeting,1\n"
        "2026-05-12,central,greeter,route,0\n"
        "2026-05-12,central,waiting-area,wait-time,1\n"
        "2026-05-14,north,greeter,greeting,да\n"
        "2026-05-14,north,greeter,route,1\n"
        "2026-05-14,north,waiting-area,wait-time,80\n"
    )
    out = _imported(text.encode())
    assert "greeter:\n            greeting: true\n            route: false\n" in out
    assert "wait-time: 1\n" in out  # a point: the same criterion scored 80 elsewhere
    assert "route: true\n" in out
    assert "wait-time: 80\n" in out
    mixed = head + (
        "2026-05-12,central,waiting-area,wait-time,yes\n"
        "2026-05-14,north,waiting-area,wait-time,80\n"
    )
    assert _errors(mixed) == [
        "visits.csv:2:43: error: score: 'yes' is a yes/no result, but 'wait-time' of "
        "'waiting-area' is scored in points in this file (as at visits.csv:3:41) [csv]",
        "  hint: write every result of a criterion in points 0..100, or every one as yes/no",
    ]


def test_the_summary_counts_in_the_singular_and_the_plural(
    cli_streams: Streams, tmp_path: Path
) -> None:
    visits = tmp_path / "visits.csv"
    visits.write_text(
        "date,outlet,touchpoint,criterion,score\n2026-05-12,central,greeter,greeting,yes\n"
    )
    code, _, err = cli_streams("import", "audit", str(visits), "--journey", str(JOURNEY))
    assert (code, err) == (
        0,
        f"{visits}: 1 visit to 1 outlet (1 row) as research entry 'audit-2026-q2'; paste it "
        f"under `research:` in {JOURNEY}\n",
    )
