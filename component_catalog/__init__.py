"""The built-in component catalog: ML infrastructure kinds as data, served over the API."""
