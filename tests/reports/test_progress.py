"""The progress report computed from real histories on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from statistics import fmean
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event

from backcoach.reports import Schedule, build_progress
from backcoach.reports.adherence import adherence
from backcoach.reports.trend import pain_trend, trend_sentence
from backcoach.session import is_one_sentence
from backcoach.store import Store
from tests.reports.history import (
    PAIN_BEFORE,
    START,
    TODAY,
    History,
    ankle_reps,
    heel_peak,
    one_session,
    other_user,
    slr_hold,
    squat_hold,
)


def report_of(history: History, **kw):
    return build_progress(history.store, history.built.user_id, today=TODAY, tz=UTC, **kw)


def day(n: int) -> date:
    return START + timedelta(days=n)


def test_sessions_adherence_and_streaks_of_six_weeks(history: History) -> None:
    report = report_of(history)
    assert len(report.sessions) == 37                 # 35 days + a second session + interrupted
    assert report.sessions_done == 36                 # the interrupted one has no set done
    assert [s.status for s in report.sessions].count("interrupted") == 1
    a = report.adherence
    assert a is not None
    # weeks: 6/7 (day 4 off), 5/7 (11, 12), 7/7 (8 done, capped), 6/7 (25), 6/7 (33),
    # 5/6 (36 interrupted; today, day 41, is not over so not planned yet)
    assert [(w.done, w.planned) for w in a.weeks] == [(6, 7), (5, 7), (8, 7), (6, 7), (6, 7),
                                                      (5, 6)]
    assert [w.week_start for w in a.weeks] == [day(7 * k) for k in range(6)]
    assert (a.done, a.planned) == (35, 41)
    assert a.percent == pytest.approx(100 * 35 / 41, abs=0.05)
    assert a.recent_percent == pytest.approx(100 * 24 / 27, abs=0.05)   # days 14..41
    # runs of days done: 0-3, 5-10, 13-24, 26-32, 34-35, 37-40
    assert (a.current_streak, a.longest_streak) == (4, 12)
    assert a.last_session == day(40) and a.active_days == 35
    cal = a.calendar
    assert len(a.days) == 42 and a.days[0].date == START and a.days[-1].date == TODAY
    assert (cal[day(20)].sessions, cal[day(20)].sets) == (2, 16)
    assert (cal[day(4)].sessions, cal[day(4)].planned, cal[day(4)].met) == (0, 1, False)
    assert (cal[day(36)].sessions, cal[day(36)].sets) == (0, 0)
    assert cal[day(2)].sets == 6                       # two knee-to-chest sets were skipped
    assert cal[day(7)].reps == ankle_reps(7) + 70
    assert (cal[TODAY].planned, cal[TODAY].pending, cal[TODAY].missed) == (1, True, False)
    assert cal[day(36)].missed and not cal[day(35)].missed
    data = json.loads(json.dumps(report.to_dict()))
    assert data["adherence"]["current_streak"] == 4
    assert data["adherence"]["calendar"][20] == {"date": "2025-03-23", "planned": 1,
                                                 "sessions": 2, "sets": 16, "reps": 160,
                                                 "met": True, "missed": False,
                                                 "pending": False}


def test_pain_trend_and_its_sentence(history: History) -> None:
    trend = report_of(history).pain
    first_week = [PAIN_BEFORE[d] for d in (0, 1, 2, 3, 5, 6)]
    last_seven = [PAIN_BEFORE[d] for d in (34, 35, 36, 37, 38, 39, 40)]
    assert trend.first_week_mean == pytest.approx(fmean(first_week), abs=0.01)
    assert trend.recent_mean == pytest.approx(fmean(last_seven), abs=0.01)
    assert trend.recent_sessions == 7 and trend.rated_sessions == 37
    assert trend.change is not None and trend.change < -2 and trend.meaningful
    first, recent = round(fmean(first_week), 1), round(fmean(last_seven), 1)
    assert trend.sentence == (
        f"Pain before sessions fell from {first:.1f}/10 in the first week to {recent:.1f}/10 "
        f"over the last 7 sessions: {first - recent:.1f} points lower, a change large enough "
        "to matter."
    )
    assert is_one_sentence(trend.sentence) and is_one_sentence(trend.effect_sentence or "")
    assert trend.session_effect == -1.0
    rolling = [p.rolling for p in trend.points]
    assert rolling[-1] == pytest.approx(fmean(last_seven), abs=0.01)
    assert rolling[0] == PAIN_BEFORE[0]
    interrupted = next(p for p in trend.points if p.date == day(36))
    assert (interrupted.before, interrupted.after) == (PAIN_BEFORE[36], None)


def test_range_of_motion_and_holds_per_exercise(history: History) -> None:
    report = report_of(history)
    heel = report.exercise("heel-slides")
    assert heel is not None and heel.metric == "knee angle" and heel.unit == "°"
    assert heel.rom_direction == "lower"
    series = heel.series("peak_mean")
    done_days = [d for d in range(41) if d not in {4, 11, 12, 25, 33, 36}]
    expected_left = [(day(d), heel_peak(d, "left")) for d in done_days for _ in
                     range(2 if d == 20 else 1)]
    assert series["left"] == expected_left
    assert series["right"][-1] == (day(40), heel_peak(40, "right"))
    best = heel.series("peak_best")["left"]
    assert best[0] == (day(0), heel_peak(0, "left") - 2.0)   # lower is further: the minimum
    assert heel.peak_start == pytest.approx(fmean(heel_peak(d, "left") + 1.5 for d in (0, 1, 2)))
    assert heel.peak_recent == pytest.approx(
        fmean(heel_peak(d, "left") + 1.5 for d in (38, 39, 40)))
    assert heel.peak_change == pytest.approx(-19.0)
    assert all(p.camera_reps == 10 for p in heel.points)

    slr = report.exercise("straight-leg-raises")
    assert slr is not None and slr.metric == "leg lift" and slr.rom_direction == "higher"
    assert slr.hold_target == 10.0
    assert slr.series("hold_mean")["right"][-1] == (day(40), slr_hold(40))
    assert slr.hold_start == pytest.approx(round(fmean(slr_hold(d) for d in (0, 1, 2)), 1))
    assert slr.hold_recent == pytest.approx(round(fmean(slr_hold(d) for d in (38, 39, 40)), 1))
    assert slr.series("peak_best")["left"][-1] == (day(40), 18.0)

    squats = report.exercise("wall-squats")   # tapped: holds but no range of motion
    assert squats is not None and squats.series("peak_mean") == {}
    assert squats.series("hold_max")[None][5] == (day(6), squat_hold(6))
    assert squats.points[0].side is None and squats.points[0].holds == 10


def test_reps_done_against_target(history: History) -> None:
    report = report_of(history)
    pumps = report.exercise("ankle-pumps")
    sessions = [d for d in range(41) if d not in {4, 11, 12, 25, 33, 36}] + [20]
    assert pumps is not None and pumps.sessions == 36
    assert pumps.reps_done == sum(ankle_reps(d) for d in sessions)
    assert pumps.reps_target == 360
    assert pumps.completion == pytest.approx(100 * pumps.reps_done / 360, abs=0.05)
    knees = report.exercise("knee-to-chest")   # both sets skipped on day 2 count as missed
    assert knees is not None
    assert (knees.sets_done, knees.sets_skipped) == (70, 2)
    assert (knees.reps_done, knees.reps_target, knees.sessions) == (700, 720, 35)
    assert [e.exercise_id for e in report.exercises] == [
        "ankle-pumps", "heel-slides", "knee-to-chest", "straight-leg-raises", "wall-squats"]


def test_a_report_costs_four_queries_each_filtered_by_user(history: History) -> None:
    statements: list[str] = []

    def seen(conn, cursor, statement, params, context, executemany):
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            statements.append(statement)

    event.listen(history.store.engine, "before_cursor_execute", seen)
    try:
        report_of(history)
    finally:
        event.remove(history.store.engine, "before_cursor_execute", seen)
    assert len(statements) == 4
    assert all("user_id" in s for s in statements)


def test_earlier_today_shows_a_shorter_history(history: History) -> None:
    report = build_progress(history.store, history.built.user_id, today=day(12), tz=UTC)
    assert report.sessions[-1].date == day(10)
    assert report.adherence is not None and report.adherence.current_streak == 0
    assert report.adherence.longest_streak == 6
    assert report.pain.recent_sessions == 4      # days 7, 8, 9 and 10


def test_other_users_rows_are_never_counted(store: Store) -> None:
    me, them = store.local_user(), other_user(store)
    t = datetime(2025, 5, 5, 18, tzinfo=UTC)
    mine = one_session(store, me, t, pain=4, peak=100.0)
    for n in range(5):
        one_session(store, them, t + timedelta(days=n, minutes=1), pain=9, peak=60.0)
    report = build_progress(store, me, today=date(2025, 5, 9), tz=UTC)
    assert [s.id for s in report.sessions] == [mine]
    assert report.pain.first_week_mean == 4.0
    heel = report.exercise("heel-slides")
    assert heel is not None and heel.series("peak_mean") == {"left": [(date(2025, 5, 5), 100.0)]}
    assert heel.series("hold_mean") == {"left": [(date(2025, 5, 5), 4.0)]}
    assert heel.reps_done == 9
    theirs = build_progress(store, them, today=date(2025, 5, 9), tz=UTC)
    assert len(theirs.sessions) == 5 and theirs.adherence.current_streak == 5


def test_days_follow_the_person_s_time_zone(store: Store) -> None:
    uid = store.local_user()
    # 23:30 UTC on Monday 6 January is 00:30 on Tuesday in Berlin (UTC+1 in winter)
    one_session(store, uid, datetime(2025, 1, 6, 23, 30, tzinfo=UTC))
    one_session(store, uid, datetime(2025, 1, 8, 12, 0, tzinfo=UTC))
    utc = build_progress(store, uid, today=date(2025, 1, 8), tz=UTC)
    berlin = build_progress(store, uid, today=date(2025, 1, 8), tz=ZoneInfo("Europe/Berlin"))
    assert [s.date for s in utc.sessions] == [date(2025, 1, 6), date(2025, 1, 8)]
    assert [s.date for s in berlin.sessions] == [date(2025, 1, 7), date(2025, 1, 8)]
    assert utc.adherence.current_streak == 1 and utc.adherence.percent == pytest.approx(66.7)
    assert berlin.adherence.current_streak == 2 and berlin.adherence.percent == 100.0
    # and "today" ends at the person's midnight: a session at 23:30 UTC on 8 January belongs
    # to 9 January in Berlin, so it is left out of a Berlin report as of the 8th
    one_session(store, uid, datetime(2025, 1, 8, 23, 30, tzinfo=UTC))
    assert len(build_progress(store, uid, today=date(2025, 1, 8), tz=UTC).sessions) == 3
    assert len(build_progress(store, uid, today=date(2025, 1, 8),
                              tz=ZoneInfo("Europe/Berlin")).sessions) == 2


def test_no_sessions_gives_an_empty_honest_report(store: Store) -> None:
    report = build_progress(store, store.local_user(), today=date(2025, 1, 1), tz=UTC)
    assert report.empty and report.exercises == [] and report.sessions_done == 0
    assert report.adherence is not None and report.adherence.days == []
    assert report.adherence.percent is None and report.adherence.current_streak == 0
    assert report.pain.sentence.startswith("No pain ratings yet")
    assert json.loads(json.dumps(report.to_dict()))["sessions_total"] == 0


# -- the pure parts, without a database ---------------------------------------------------------


def test_streaks_count_planned_days_only() -> None:
    mwf = Schedule.parse("mon,wed,fri")
    monday = date(2025, 3, 3)
    done = [0, 2, 4, 5, 7, 9, 11, 16, 18]   # Sat (5) is extra; Fri 14 missed
    a = adherence([(monday + timedelta(days=d), 3, 30) for d in done], mwf, monday +
                  timedelta(days=18))
    # planned: 0 2 4 | 7 9 11 | 14 16 18  -> met all but 14
    assert (a.current_streak, a.longest_streak) == (2, 6)
    assert [(w.done, w.planned) for w in a.weeks] == [(4, 3), (3, 3), (2, 3)]
    assert (a.done, a.planned) == (8, 9)
    assert a.days[5].planned == 0 and a.days[5].sessions == 1 and not a.days[5].missed
    assert a.days[14].missed


def test_today_is_not_missed_before_it_is_over() -> None:
    daily = Schedule()
    first = date(2025, 3, 3)
    done = [(first + timedelta(days=d), 1, 10) for d in range(3)]
    a = adherence(done, daily, first + timedelta(days=3))
    assert (a.current_streak, a.done, a.planned, a.percent) == (3, 3, 3, 100.0)
    twice = adherence(done, Schedule(per_day=2), first + timedelta(days=2))
    # one of two done each day: no day met; today's one counts, its second is still to come
    assert (twice.current_streak, twice.done, twice.planned) == (0, 3, 5)


@pytest.mark.parametrize(
    ("first", "recent", "n", "expected"),
    [
        (None, None, 0, "No pain ratings yet"),
        (5.0, None, 0, "Pain before sessions has averaged 5.0/10 in the first week"),
        (4.0, 4.3, 7, "about the same as in the first week (4.0/10 then, 4.3/10 over the last "
                      "7 sessions)."),
        (3.0, 4.5, 1, "rose from 3.0/10 in the first week to 4.5/10 over the last session: "
                      "1.5 points higher, worth telling your physiotherapist."),
        (6.0, 5.0, 3, "fell from 6.0/10 in the first week to 5.0/10 over the last 3 sessions: "
                      "1.0 points lower."),
    ],
)
def test_trend_sentence_cases(first, recent, n, expected) -> None:
    sentence = trend_sentence(first, recent, n)
    assert expected in sentence and is_one_sentence(sentence)


def test_trend_with_after_ratings_only_says_so() -> None:
    t = datetime(2025, 3, 3, 18, tzinfo=UTC)
    trend = pain_trend([(1, t.date(), t, None, 3), (2, t.date(), t + timedelta(hours=1), None, 2)])
    assert trend.rated_sessions == 0 and len(trend.points) == 2
    assert trend.sentence.startswith("No pain ratings yet")
    assert all(p.rolling is None for p in trend.points)


def test_schedule_text_is_checked() -> None:
    from backcoach.errors import InputError
    from backcoach.reports import parse_days, parse_time

    assert parse_days("mon-fri") == frozenset(range(5))
    assert parse_days("fri-mon") == frozenset({4, 5, 6, 0})
    assert parse_days("Monday, wed") == frozenset({0, 2})
    assert Schedule.parse("weekdays", 2).label() == "twice a day on weekdays"
    assert parse_time("7:30") == time(7, 30)
    for bad in ("someday", "mon,funday", ""):
        with pytest.raises(InputError):
            parse_days(bad)
    for bad in ("25:00", "18", "6pm"):
        with pytest.raises(InputError):
            parse_time(bad)
