"""Live camera coaching: JPEG frames from the page in, pose, counts and cues out.

    coach = LiveCoach("lumbar-stabilization")
    update = coach.process(jpeg, t, seq)      # -> LiveUpdate (.events, .count, .to_message())

`protocol` holds the frame message format the page and the benchmark use; `replay` turns a
recorded video into the frames a webcam page would send.
"""

from backcoach.live.coach import LIVE_FPS, MAX_SIDE, LiveCoach, LiveUpdate
from backcoach.live.protocol import pack_frame, unpack_frame
from backcoach.live.replay import video_jpegs

__all__ = [
    "LIVE_FPS", "MAX_SIDE", "LiveCoach", "LiveUpdate", "pack_frame", "unpack_frame", "video_jpegs",
]
