"""Speakers: the real espeak-ng one, the message when it is missing, the recording one."""

from __future__ import annotations

from backcoach.session import EspeakSpeaker, NullSpeaker, RecordingSpeaker, make_speaker
from backcoach.session.speaker import ESPEAK_MISSING


def test_voice_off_is_silent():
    assert isinstance(make_speaker(False), NullSpeaker)


def test_missing_espeak_says_how_to_install_it_and_carries_on_silently(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    warnings: list[str] = []
    speaker = make_speaker(True, warn=warnings.append)
    assert isinstance(speaker, NullSpeaker)
    assert warnings == [ESPEAK_MISSING]
    assert "apt-get install espeak-ng" in ESPEAK_MISSING
    speaker.say("Hold.")   # no error


def test_espeak_speaks_without_blocking(tmp_path):
    # espeak-ng is a system dependency (scripts/system-deps.sh installs it): no skip.
    out = tmp_path / "cue.wav"
    speaker = EspeakSpeaker(extra_args=("-w", str(out)))
    speaker.say("Left side, ten reps.")
    assert speaker.wait(timeout=20) == 0
    assert out.stat().st_size > 1000 and out.read_bytes()[:4] == b"RIFF"
    speaker.close()


def test_recording_speaker_keeps_what_it_was_told():
    speaker = RecordingSpeaker()
    speaker.say("Hold.")
    speaker.say("And relax.")
    assert speaker.said == ["Hold.", "And relax."]
