"""Event extraction rules: triggers, participants, status, place and time, merging (pure functions over spaCy tokens)."""
