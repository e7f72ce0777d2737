"""The live camera socket's frame message: a 12-byte header, then one JPEG image.

    header = <uint32 seq little-endian> <float64 t little-endian>    (t: seconds, client clock)

Each frame the page sends is answered by one JSON message with the same `seq` (see
`LiveUpdate.to_message`), so the page keeps one frame in flight and never builds a backlog.
"""

from __future__ import annotations

import struct

from backcoach.errors import InputError

HEADER = struct.Struct("<Id")
MAX_FRAME_BYTES = 2 * 1024 * 1024    # a 480 px JPEG is ~20-60 KB


def pack_frame(seq: int, t: float, jpeg: bytes) -> bytes:
    return HEADER.pack(seq & 0xFFFFFFFF, float(t)) + jpeg


def unpack_frame(data: bytes) -> tuple[int, float, bytes]:
    """(seq, t, jpeg) of a frame message; InputError for anything else."""
    if len(data) <= HEADER.size:
        raise InputError("a camera frame message is too short")
    if len(data) > MAX_FRAME_BYTES:
        raise InputError("a camera frame is too large; send at most 480 px JPEG images")
    seq, t = HEADER.unpack_from(data)
    return seq, t, data[HEADER.size:]
