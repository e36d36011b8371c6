"""Interview mode: case-study templates, the 7-step framework, rubric coverage, replay."""
