"""URLs of designer.sharing (included from designer/urls.py)."""
urlpatterns: list = []
