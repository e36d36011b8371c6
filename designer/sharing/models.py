"""Share links and comments."""
