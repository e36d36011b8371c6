"""Template tags for MLSD Designer pages."""
