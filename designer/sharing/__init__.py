"""Share links (view, comment, edit), guests and comments."""
