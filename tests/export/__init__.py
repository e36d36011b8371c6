"""Tests of export, import and auto-layout."""
