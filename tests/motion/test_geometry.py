"""Angles in pixel space, lines against the horizontal and vertical, which side faces the camera."""

from __future__ import annotations

import math

import numpy as np
import pytest

from backcoach.motion.geometry import (
    angle_to_horizontal,
    angle_to_vertical,
    elevation,
    facing_side,
    height_above_line,
    joint_angle,
    side_on_ratio,
    to_pixels,
)
from backcoach.motion.landmarks import L


def p(x: float, y: float) -> np.ndarray:
    return np.array([x, y], dtype=float)


@pytest.mark.parametrize(
    ("a", "c", "expected"),
    [((1, 0), (0, 1), 90.0), ((1, 0), (-1, 0), 180.0), ((1, 0), (1, 1), 45.0),
     ((1, 0), (2, 0), 0.0)],
)
def test_joint_angle(a, c, expected):
    assert joint_angle(p(*a), p(0, 0), p(*c)) == pytest.approx(expected, abs=1e-9)


def test_joint_angle_of_a_zero_length_limb_is_nan():
    assert math.isnan(joint_angle(p(0, 0), p(0, 0), p(1, 0)))


def test_angles_are_measured_in_pixels_not_normalised_units():
    # a 45 degree angle in a 16:9 picture is about 61 degrees in normalised coordinates
    lm = np.zeros((33, 4))
    lm[0, :2] = [0.5, 0.5]
    lm[1, :2] = [0.6, 0.5]                    # 128 px to the right
    lm[2, :2] = [0.6, 0.5 + 128 / 720]        # and 128 px down
    px = to_pixels(lm, 1280, 720)
    assert joint_angle(px[1], px[0], px[2]) == pytest.approx(45.0)
    assert joint_angle(lm[1, :2], lm[0, :2], lm[2, :2]) == pytest.approx(60.6, abs=0.1)


@pytest.mark.parametrize(
    ("q", "horizontal"), [((10, 0), 0.0), ((-10, 0), 0.0), ((0, 5), 90.0), ((10, 10), 45.0),
                          ((-10, -10), 45.0)],
)
def test_angle_to_horizontal_and_vertical_ignore_direction(q, horizontal):
    assert angle_to_horizontal(p(0, 0), p(*q)) == pytest.approx(horizontal)
    assert angle_to_vertical(p(0, 0), p(*q)) == pytest.approx(90.0 - horizontal)


@pytest.mark.parametrize("head", ["left", "right"])
def test_elevation_is_positive_for_a_lifted_leg_whichever_way_the_head_points(head):
    d = -1.0 if head == "left" else 1.0        # the direction from hip towards the head
    shoulder, hip = p(500 + 300 * d, 400), p(500, 400)
    lifted = hip + 400 * np.array([-d * math.cos(math.radians(15)), -math.sin(math.radians(15))])
    lowered = hip + 400 * np.array([-d * math.cos(math.radians(5)), math.sin(math.radians(5))])
    assert elevation(hip, shoulder, lifted) == pytest.approx(15.0)
    assert elevation(hip, shoulder, lowered) == pytest.approx(-5.0)


def test_height_above_line_is_positive_towards_the_top_of_the_image():
    a, b = p(0, 100), p(200, 100)
    assert height_above_line(p(50, 80), a, b) == pytest.approx(20.0)
    assert height_above_line(p(50, 130), b, a) == pytest.approx(-30.0)


def _side_view(near: str) -> np.ndarray:
    lm = np.zeros((33, 4))
    lm[:, 3] = 0.95
    far = "RIGHT" if near == "left" else "LEFT"
    for part in ("SHOULDER", "HIP", "KNEE", "ANKLE"):
        lm[L[f"{far}_{part}"], 3] = 0.4
        lm[L[f"{far}_{part}"], 2] = 0.15
    return lm


@pytest.mark.parametrize("near", ["left", "right"])
def test_facing_side_from_visibility_and_depth(near):
    assert facing_side(_side_view(near)) == near


def test_facing_side_unclear_when_both_sides_look_alike():
    lm = np.zeros((33, 4))
    lm[:, 3] = 0.9
    assert facing_side(lm) is None


def test_side_on_ratio_small_side_on_large_facing_the_camera():
    px = np.zeros((33, 2))
    px[L.LEFT_SHOULDER], px[L.RIGHT_SHOULDER] = p(500, 200), p(510, 205)
    px[L.LEFT_HIP], px[L.RIGHT_HIP] = p(505, 500), p(515, 505)
    assert side_on_ratio(px) < 0.1
    px[L.LEFT_SHOULDER], px[L.RIGHT_SHOULDER] = p(400, 200), p(600, 200)
    px[L.LEFT_HIP], px[L.RIGHT_HIP] = p(430, 500), p(570, 500)
    assert side_on_ratio(px) > 0.5
