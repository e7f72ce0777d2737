"""Draw exercise pictures as SVG: a friendly figure, its props, and a looping rep."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

import numpy as np

from backcoach.illustrate.poses import RepPoses

WIDTH, HEIGHT = 400, 300

# Colours: calm blues for the body, warm orange for the limb that moves.
COLOURS = {
    "near": "#2f5d8a", "far": "#9db8d3", "head": "#f4c9a0", "face": "#23384f",
    "accent": "#e8702a", "accent_far": "#f4b48a", "floor": "#b9b0a1", "mat": "#cfe3f0",
    "wall": "#e7e1d6", "wall_edge": "#b9b0a1", "ball": "#5aae9a", "ball_shine": "#8fd0bf",
    "background": "#ffffff",
}

# Limb polylines by group: landmark names with {s} for the side.
GROUPS = {
    "leg": ["{s}_hip", "{s}_knee", "{s}_ankle"],
    "foot": ["{s}_heel", "{s}_foot_index"],
    "arm": ["{s}_shoulder", "{s}_elbow", "{s}_wrist"],
}
WIDTHS_M = {"leg": 0.1, "foot": 0.06, "arm": 0.075, "trunk": 0.24, "neck": 0.08}
HEAD_M = 0.13


@dataclass
class Frame:
    """Maps the model's metres (x right, y up) into the picture's pixels."""

    x0: float
    y0: float
    scale: float

    def pt(self, p: np.ndarray) -> tuple[float, float]:
        return (p[0] - self.x0) * self.scale, HEIGHT - (p[1] - self.y0) * self.scale

    def px(self, metres: float) -> float:
        return metres * self.scale


def fit(poses: RepPoses) -> Frame:
    """Scale and place so every pose and prop fits with a margin, floor near the bottom."""
    pts = np.array([p for f in [poses.start, poses.end, *poses.frames] for p in f.values()])
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    lo[1] = min(lo[1], poses.props["floor"])
    if "wall_x" in poses.props:
        hi[0] = max(hi[0], poses.props["wall_x"] + 0.12)
        hi[1] = max(hi[1], hi[1] + 0.1)
    if "ball_r" in poses.props:
        lo[0] = min(lo[0], poses.props["ball_x"] - poses.props["ball_r"])
        hi[0] = max(hi[0], poses.props["ball_x"] + poses.props["ball_r"])
    margin = 0.14 * poses.height / 1.75
    lo -= margin
    hi += margin
    lo[1] = poses.props["floor"] - 0.09 * poses.height / 1.75
    w, h = hi - lo
    scale = min(WIDTH / w, HEIGHT / h)
    # centre horizontally, keep the floor near the bottom edge
    x0 = lo[0] - (WIDTH / scale - w) / 2
    y0 = lo[1]
    return Frame(float(x0), float(y0), float(scale))


def _path(points: list[tuple[float, float]]) -> str:
    return "M" + "L".join(f"{x:.0f} {y:.0f}" for x, y in points)


def _shapes(pose: dict[str, np.ndarray], poses: RepPoses, fr: Frame) -> list[dict]:
    """The figure as drawing instructions, back to front. Each shape: kind, id, attrs."""
    far = "right" if poses.near == "left" else "left"
    lit = set(poses.highlight)
    shapes: list[dict] = []

    def limb(group: str, side: str) -> None:
        names = [n.format(s=side) for n in GROUPS[group]]
        colour = (("accent" if side == poses.near else "accent_far") if (group, side) in lit
                  or (group == "foot" and ("leg", side) in lit)
                  else ("near" if side == poses.near else "far"))
        shapes.append({"kind": "path", "id": f"{group}-{side}", "colour": COLOURS[colour],
                       "width": fr.px(WIDTHS_M[group]),
                       "d": _path([fr.pt(pose[n]) for n in names])})

    for side in (far, poses.near):
        if side == poses.near:
            mid_hip = (pose["left_hip"] + pose["right_hip"]) / 2
            mid_sh = (pose["left_shoulder"] + pose["right_shoulder"]) / 2
            shapes.append({"kind": "path", "id": "trunk", "colour": COLOURS["near"],
                           "width": fr.px(WIDTHS_M["trunk"]),
                           "d": _path([fr.pt(mid_hip), fr.pt(mid_sh)])})
            shapes.append({"kind": "path", "id": "neck", "colour": COLOURS["near"],
                           "width": fr.px(WIDTHS_M["neck"]),
                           "d": _path([fr.pt(mid_sh), fr.pt(pose["head_centre"])])})
            hx, hy = fr.pt(pose["head_centre"])
            shapes.append({"kind": "circle", "id": "head", "cx": hx, "cy": hy,
                           "r": fr.px(HEAD_M * poses.height / 1.75)})
            ex, ey = fr.pt(pose[f"{poses.near}_eye"])
            shapes.append({"kind": "dot", "id": "eye", "cx": hx + (ex - hx) * 0.8,
                           "cy": hy + (ey - hy) * 0.8, "r": fr.px(0.017)})
        limb("leg", side)
        limb("foot", side)
        limb("arm", side)
        wx, wy = fr.pt((pose[f"{side}_wrist"] + pose[f"{side}_index"]) / 2)
        lit_arm = ("arm", side) in lit
        colour = ("accent" if side == poses.near else "accent_far") if lit_arm else (
            "near" if side == poses.near else "far")
        shapes.append({"kind": "hand", "id": f"hand-{side}", "cx": wx, "cy": wy,
                       "r": fr.px(0.055), "colour": COLOURS[colour]})
    return shapes


def _props_svg(poses: RepPoses, fr: Frame) -> str:
    p = poses.props
    parts = []
    fy = fr.pt(np.array([0.0, p["floor"]]))[1]
    if "wall_x" in p:
        wx = fr.pt(np.array([p["wall_x"], 0]))[0]
        parts.append(f'<rect x="{wx:.0f}" y="0" width="{WIDTH - wx + 2:.0f}" height="{fy:.0f}" '
                     f'fill="{COLOURS["wall"]}" stroke="{COLOURS["wall_edge"]}" '
                     f'stroke-width="2"/>')
    if "mat" in p:
        xs = [fr.pt(v)[0] for f in (poses.start, poses.end) for v in f.values()]
        a, b = min(xs) - fr.px(0.1), max(xs) + fr.px(0.1)
        parts.append(f'<rect x="{a:.0f}" y="{fy - fr.px(0.012):.0f}" width="{b - a:.0f}" '
                     f'height="{fr.px(0.02) + 2:.0f}" rx="3" fill="{COLOURS["mat"]}"/>')
    parts.append(f'<rect x="0" y="{fy:.0f}" width="{WIDTH}" height="{HEIGHT - fy:.0f}" '
                 f'fill="{COLOURS["floor"]}" opacity="0.35"/>')
    parts.append(f'<line x1="0" y1="{fy:.0f}" x2="{WIDTH}" y2="{fy:.0f}" '
                 f'stroke="{COLOURS["floor"]}" stroke-width="3"/>')
    if "ball_r" in p:
        cx, cy = fr.pt(np.array([p["ball_x"], p["ball_y"]]))
        r = fr.px(p["ball_r"])
        parts.append(f'<circle cx="{cx:.0f}" cy="{cy:.0f}" r="{r:.0f}" '
                     f'fill="{COLOURS["ball"]}"/>')
        parts.append(f'<path d="M{cx - r * 0.6:.0f} {cy - r * 0.35:.0f}A{r * 0.7:.0f} '
                     f'{r * 0.7:.0f} 0 0 1 {cx - r * 0.1:.0f} {cy - r * 0.72:.0f}" fill="none" '
                     f'stroke="{COLOURS["ball_shine"]}" stroke-width="{max(r * 0.1, 2):.0f}" '
                     f'stroke-linecap="round"/>')
    return "".join(parts)


def _shape_svg(shape: dict, anim: str = "") -> str:
    kind = shape["kind"]
    if kind == "path":
        return (f'<path id="{shape["id"]}" d="{shape["d"]}" fill="none" '
                f'stroke="{shape["colour"]}" stroke-width="{shape["width"]:.0f}" '
                f'stroke-linecap="round" stroke-linejoin="round">{anim}</path>')
    if kind == "circle":
        return (f'<circle id="head" cx="{shape["cx"]:.0f}" cy="{shape["cy"]:.0f}" '
                f'r="{shape["r"]:.0f}" fill="{COLOURS["head"]}" stroke="{COLOURS["near"]}" '
                f'stroke-width="3">{anim}</circle>')
    if kind == "dot":
        return (f'<circle id="eye" cx="{shape["cx"]:.0f}" cy="{shape["cy"]:.0f}" '
                f'r="{max(shape["r"], 2):.1f}" fill="{COLOURS["face"]}">{anim}</circle>')
    return (f'<circle id="{shape["id"]}" cx="{shape["cx"]:.0f}" cy="{shape["cy"]:.0f}" '
            f'r="{shape["r"]:.0f}" fill="{shape["colour"]}">{anim}</circle>')


def _document(body: str, title: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(title)}">'
            f'<title>{escape(title)}</title>'
            f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{COLOURS["background"]}"/>'
            f'{body}</svg>\n')


def _ghost(poses: RepPoses, fr: Frame) -> str:
    """The moving limbs where they started, faint, so the end picture shows the movement."""
    ids = {f"{g}-{s}" for g, s in poses.highlight} | {f"foot-{s}" for g, s in poses.highlight
                                                       if g == "leg"}
    ids |= {f"hand-{s}" for g, s in poses.highlight if g == "arm"}
    shapes = [sh for sh in _shapes(poses.start, poses, fr) if sh["id"] in ids]
    return ('<g opacity="0.3">' + "".join(_shape_svg(sh) for sh in shapes) + "</g>"
            if shapes else "")


def still(poses: RepPoses, which: str, title: str) -> str:
    """A still picture of the start or end position (the end shows the start faintly)."""
    fr = fit(poses)
    pose = poses.start if which == "start" else poses.end
    ghost = _ghost(poses, fr) if which == "end" else ""
    body = _props_svg(poses, fr) + ghost + "".join(
        _shape_svg(s) for s in _shapes(pose, poses, fr))
    return _document(body, title)


def animated(poses: RepPoses, title: str, pause: float = 0.6) -> str:
    """One rep as a looping SMIL animation (start -> end -> start, then a short pause)."""
    fr = fit(poses)
    per_frame = [_shapes(f, poses, fr) for f in poses.frames]
    total = poses.frame_times[-1] + pause
    key_times = [t / total for t in poses.frame_times] + [1.0]
    kt = ";".join(f"{k:.3f}" for k in key_times)
    dur = f"{total:.2f}s"
    out = []
    for n, shape in enumerate(per_frame[0]):
        track = [frame[n] for frame in per_frame]
        track.append(track[-1])
        if shape["kind"] == "path":
            values = ";".join(s["d"] for s in track)
            anim = (f'<animate attributeName="d" dur="{dur}" repeatCount="indefinite" '
                    f'keyTimes="{kt}" values="{values}"/>')
        else:
            anim = "".join(
                f'<animate attributeName="{a}" dur="{dur}" repeatCount="indefinite" '
                f'keyTimes="{kt}" values="{";".join(f"{s[a]:.0f}" for s in track)}"/>'
                for a in ("cx", "cy"))
        out.append(_shape_svg(shape, anim))
    return _document(_props_svg(poses, fr) + "".join(out), title)
