"""One test module per validator rule."""
