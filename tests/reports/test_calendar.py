"""The reminders file follows RFC 5545: structure, recurrence, escaping and line folding."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from dateutil.rrule import rrulestr

from backcoach.reports import Schedule, reminders_ics
from backcoach.reports.calendar import escape_text, fold
from backcoach.session import build_plan

NOW = datetime(2025, 3, 1, 9, 15, tzinfo=UTC)


def physical_lines(ics: str) -> list[bytes]:
    raw = ics.encode("utf-8")
    assert raw.endswith(b"\r\n")
    pieces = raw.split(b"\r\n")[:-1]
    assert all(b"\n" not in p and b"\r" not in p for p in pieces)   # only CRLF line ends
    return pieces


def unfold(ics: str) -> list[str]:
    lines: list[str] = []
    for piece in ics.split("\r\n")[:-1]:
        if piece.startswith(" "):
            lines[-1] += piece[1:]
        else:
            lines.append(piece)
    return lines


def unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\":
            nxt = value[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def components(lines: list[str]) -> list[tuple[str, dict[str, list[str]]]]:
    """(name, properties) of every component; checks BEGIN/END nest properly."""
    stack: list[tuple[str, dict[str, list[str]]]] = []
    done = []
    for line in lines:
        name, _, value = line.partition(":")
        if name == "BEGIN":
            stack.append((value, {}))
        elif name == "END":
            assert stack and stack[-1][0] == value, f"END:{value} does not close {stack}"
            done.append(stack.pop())
        else:
            assert stack, f"property outside a component: {line}"
            stack[-1][1].setdefault(name.split(";")[0], []).append(value)
    assert not stack
    return done


def test_mon_wed_fri_reminders_are_valid_icalendar() -> None:
    plan = build_plan()
    ics = reminders_ics(Schedule.parse("mon,wed,fri"), [time(18, 0)], plan=plan,
                        start=date(2025, 3, 4), now=NOW)   # a Tuesday
    raw = physical_lines(ics)
    assert max(len(line) for line in raw) <= 75
    assert any(line.startswith(b" ") for line in raw)     # the description had to be folded
    lines = unfold(ics)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    comps = dict((name, props) for name, props in components(lines))
    cal, event, alarm = comps["VCALENDAR"], comps["VEVENT"], comps["VALARM"]
    assert cal["VERSION"] == ["2.0"] and cal["PRODID"][0].startswith("-//BackCoach//")
    assert event["RRULE"] == ["FREQ=WEEKLY;BYDAY=MO,WE,FR"]
    assert event["DTSTART"] == ["20250305T180000"]        # the first planned day: Wednesday
    assert event["DTSTAMP"] == ["20250301T091500Z"]
    assert event["UID"][0].endswith("@backcoach")
    assert event["DURATION"][0].startswith("PT") and event["DURATION"][0].endswith("M")
    assert alarm["ACTION"] == ["DISPLAY"] and alarm["TRIGGER"] == ["PT0M"]
    description = unescape(event["DESCRIPTION"][0])
    for item in plan:
        assert f"- {item.name}: " in description
    assert "10 each side, hold 10 s" in description        # straight leg raises
    rule = rrulestr(event["RRULE"][0], dtstart=datetime(2025, 3, 5, 18, 0))
    firsts = [d.strftime("%a %d %H:%M") for d in rule[:6]]
    assert firsts == ["Wed 05 18:00", "Fri 07 18:00", "Mon 10 18:00", "Wed 12 18:00",
                      "Fri 14 18:00", "Mon 17 18:00"]


def test_daily_twice_for_two_weeks() -> None:
    ics = reminders_ics(Schedule(), [time(18, 0), time(7, 30)], plan=build_plan(["ankle-pumps"]),
                        start=date(2025, 3, 4), now=NOW, weeks=2, minutes=10)
    comps = components(unfold(ics))
    events = [props for name, props in comps if name == "VEVENT"]
    assert [e["DTSTART"][0] for e in events] == ["20250304T073000", "20250304T180000"]
    assert all(e["RRULE"] == ["FREQ=DAILY;COUNT=14"] for e in events)
    assert all(e["DURATION"] == ["PT10M"] for e in events)
    assert len({e["UID"][0] for e in events}) == 2
    rule = rrulestr(events[0]["RRULE"][0], dtstart=datetime(2025, 3, 4, 7, 30))
    assert len(list(rule)) == 14 and list(rule)[-1] == datetime(2025, 3, 17, 7, 30)
    assert ics == reminders_ics(Schedule(), [time(7, 30), time(18, 0)],
                                plan=build_plan(["ankle-pumps"]), start=date(2025, 3, 4),
                                now=NOW, weeks=2, minutes=10)   # same input, same file


def test_text_is_escaped_and_folded_without_splitting_characters() -> None:
    assert escape_text('a,b;c\\d\ne "f"') == 'a\\,b\\;c\\\\d\\ne "f"'
    line = "DESCRIPTION:" + "été, " * 60
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert len(pieces) > 3
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert all(p.startswith(" ") for p in pieces[1:])
    assert "".join([pieces[0]] + [p[1:] for p in pieces[1:]]) == line
    assert fold("SHORT:line") == "SHORT:line"
