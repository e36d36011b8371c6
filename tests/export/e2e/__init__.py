"""Browser checks of exported SVG (run last, with the other Playwright tests)."""
