"""URLs of designer.export (included from designer/urls.py)."""
urlpatterns: list = []
