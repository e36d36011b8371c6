"""MLSD Designer: the Django project package and its main app."""
