"""Guided sessions: the pure session engine and the safety (pain and red-flag) rules."""
