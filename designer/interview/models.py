"""Interview sessions, interviewer notes and scores."""
