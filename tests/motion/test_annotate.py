"""The annotated video: what is shown when, what is drawn, and the H.264 file ffmpeg writes."""

from __future__ import annotations

import numpy as np
import pytest

from backcoach.catalog import get_exercise
from backcoach.motion.annotate import (
    HIDDEN_TEXT,
    H264Writer,
    Timeline,
    output_size,
    render_frame,
    write_annotated_video,
)
from backcoach.motion.events import (
    FormCue,
    FrameStatus,
    RepCompleted,
    RepRecord,
    VisibilityRestored,
    VisibilityWarning,
)
from backcoach.motion.landmarks import L
from backcoach.motion.recording import LandmarkRecording, PoseFrame
from tests.motion.real_clips import ffprobe


def _rep(index: int, side: str, end: float) -> RepCompleted:
    rep = RepRecord(index=index, side=side, start=end - 2, end=end, peak_angle=80.0,
                    hold_seconds=2.0, tempo_seconds=2.0)
    return RepCompleted(t=end, rep=rep)


def _timeline() -> Timeline:
    statuses = [
        FrameStatus(t=t, metric="knee angle", value=100.0 + t, side="left",
                    hold_elapsed=1.5 if 2 <= t < 4 else None, visible=not 6 <= t < 8)
        for t in np.arange(0, 10, 0.5)
    ]
    events = [
        _rep(1, "left", 3.0),
        FormCue(t=3.0, cue="short_hold", text="Hold it longer."),
        _rep(2, "right", 5.0),
        VisibilityWarning(t=6.5, reason="out_of_frame", text="Move so your whole body is in view."),
        VisibilityRestored(t=8.0),
    ]
    return Timeline.build(statuses, events, get_exercise("lumbar-stabilization"))


def test_the_timeline_shows_counts_cues_and_warnings_at_the_right_times():
    tl = _timeline()
    before = tl.at(2.9)
    assert before.count == 0 and before.cue is None and before.hold_elapsed == 1.5
    assert before.value == pytest.approx(102.5) and before.hold_target == 2.0
    after = tl.at(3.0)
    assert after.count == 1 and after.count_by_side == {"left": 1}
    assert after.cue == "Hold it longer."
    assert tl.at(5.2).count_by_side == {"left": 1, "right": 1}
    assert tl.at(6.2).cue is None                         # cues fade after a few seconds
    assert tl.at(6.2).warning == HIDDEN_TEXT              # hidden before the gate's warning
    assert tl.at(7.0).warning == "Move so your whole body is in view."
    assert tl.at(8.5).warning is None                     # visible again
    assert tl.at(-1.0).count == 0 and tl.at(-1.0).value is None


def test_output_size_is_even_and_capped():
    assert output_size(1080, 1920, 960) == (540, 960)
    w, h = output_size(641, 481, None)
    assert w % 2 == 0 and h % 2 == 0 and abs(w - 641) == 1 and abs(h - 481) == 1
    assert output_size(464, 832, 960) == (464, 832)


def _pose() -> np.ndarray:
    lm = np.zeros((33, 4))
    lm[:, 3] = 0.9
    lm[:, :2] = 0.5
    lm[L.LEFT_SHOULDER, :2] = (0.3, 0.4)
    lm[L.LEFT_HIP, :2] = (0.6, 0.4)
    lm[L.LEFT_KNEE, :2] = (0.6, 0.7)
    lm[L.LEFT_ANKLE, :2] = (0.9, 0.7)
    return lm


def test_render_draws_the_skeleton_and_the_hud():
    img = np.zeros((480, 640, 3), dtype=np.uint8)
    hud = _timeline().at(7.0)
    render_frame(img, _pose(), hud)
    # the thigh (hip -> knee) is drawn, along x = 0.6 * 640
    column = img[int(0.45 * 480):int(0.65 * 480), int(0.6 * 640)]
    assert column.max() > 100
    assert img[:60, :200].max() > 100                # the panel text, top left
    assert img[-40:, :, 2].max() > 150               # a red warning banner at the bottom
    blank = np.zeros_like(img)
    render_frame(blank, None, _timeline().at(0.0))   # no person: the HUD alone
    assert blank[int(0.45 * 480):int(0.65 * 480), int(0.6 * 640)].max() == 0


def test_the_writer_makes_a_browser_playable_mp4(tmp_path):
    path = tmp_path / "out.mp4"
    writer = H264Writer(path, 320, 240, 30.0)
    for i in range(45):
        writer.write(np.full((240, 320, 3), i * 5, dtype=np.uint8))
    writer.close()
    probe = ffprobe(path)
    assert probe["codec_name"] == "h264" and probe["pix_fmt"] == "yuv420p"
    assert int(probe["nb_read_frames"]) == 45


def test_a_bare_recording_is_drawn_on_a_blank_canvas(tmp_path):
    frames = [PoseFrame(t=i / 15, landmarks=_pose() if i % 3 else None, index=i)
              for i in range(30)]
    rec = LandmarkRecording(fps=15.0, width=640, height=480, frames=frames)
    seen = []
    path = write_annotated_video(tmp_path / "rec.mp4", rec, _timeline(),
                                 progress=lambda done, total: seen.append((done, total)))
    probe = ffprobe(path)
    assert int(probe["nb_read_frames"]) == 30
    assert (int(probe["width"]), int(probe["height"])) == (640, 480)
    assert seen[-1] == (30, 30)
