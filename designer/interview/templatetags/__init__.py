"""Template tags of interview mode."""
