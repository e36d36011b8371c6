"""URLs of designer.validation (included from designer/urls.py)."""
urlpatterns: list = []
