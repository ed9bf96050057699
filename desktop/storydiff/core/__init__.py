"""Core values, errors and progress: imported by every other layer, imports none."""
