"""URLs of designer.interview (included from designer/urls.py)."""
urlpatterns: list = []
