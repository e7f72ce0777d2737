"""The live camera socket: JPEG frames in, landmarks, counts and cues out.

    WS /ws/live?exercise=ID              practise one exercise
    WS /ws/live?session=SID              coach a running guided session: the camera follows the
                                         session's current exercise and each rep it counts goes
                                         into the session (rep_done(source="camera"))

Messages from the page: binary frames (backcoach.live.protocol: seq, t, JPEG). Messages to it
(JSON): {"type": "ready", ...} once BlazePose is loaded; one {"type": "frame", "seq", ...} per
frame (LiveUpdate.to_message, plus "session_changed" when a rep went into the session);
{"type": "error", "message"} for a bad frame or request. Each connection has its own BlazePose
and analyzer, run in a thread of its own so the server keeps answering other requests.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from starlette.websockets import WebSocketDisconnected

from backcoach.errors import BackCoachError, InputError
from backcoach.live import LiveCoach, unpack_frame
from backcoach.web.live_sessions import LiveSession

router = APIRouter()
log = logging.getLogger(__name__)

CLOSE_BAD_REQUEST = 4400
CLOSE_NOT_FOUND = 4404


async def _refuse(ws: WebSocket, message: str, code: int) -> None:
    await ws.send_json({"type": "error", "message": message, "fatal": True})
    await ws.close(code=code)


@router.websocket("/ws/live")
async def live_socket(
    ws: WebSocket, exercise: str | None = None, session: int | None = None
) -> None:
    await ws.accept()
    linked: LiveSession | None = None
    if session is not None:
        linked = ws.app.state.sessions.get(session)
        if linked is None:
            await _refuse(ws, f"Session {session} is not running here.", CLOSE_NOT_FOUND)
            return
        exercise = linked.camera_exercise()
    if not exercise:
        await _refuse(ws, "Say which exercise to coach.", CLOSE_BAD_REQUEST)
        return

    loop = asyncio.get_running_loop()
    worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="live")
    coach: LiveCoach | None = None
    try:
        try:
            coach = await loop.run_in_executor(worker, LiveCoach, exercise)
        except BackCoachError as exc:
            await _refuse(ws, str(exc), CLOSE_BAD_REQUEST)
            return
        await ws.send_json({"type": "ready", "exercise": coach.exercise_id,
                            "name": coach.exercise.name, "session": session})
        while True:
            data = await ws.receive_bytes()
            try:
                seq, t, jpeg = unpack_frame(data)
                if linked is not None:
                    current = linked.camera_exercise()
                    if current is not None:
                        coach.switch(current)
                update = await loop.run_in_executor(worker, coach.process, jpeg, t, seq)
            except InputError as exc:
                await ws.send_json({"type": "error", "message": str(exc), "fatal": False})
                continue
            message = update.to_message()
            if linked is not None and update.reps:
                took = [linked.camera_rep(e.rep.to_dict(), e.rep.hold_seconds)
                        for e in update.reps]
                message["session_changed"] = any(took)
            await ws.send_json(message)
    except (WebSocketDisconnect, WebSocketDisconnected):
        pass
    except KeyError:  # a text message where a frame was expected
        await _refuse(ws, "Send camera frames as binary messages.", CLOSE_BAD_REQUEST)
    finally:
        if coach is not None:
            worker.submit(coach.close)
        worker.shutdown(wait=False)
