"""Tests of the graph validator."""
