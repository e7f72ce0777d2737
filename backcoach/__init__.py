"""BackCoach."""
