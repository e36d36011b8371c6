"""Top-level routes: pages, auth, the API and the catalog."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views
from .api.views import DocumentSchemaView

urlpatterns = [
    path("", views.home, name="home"),
    path("signup/", views.signup, name="signup"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("designs/", views.design_list, name="design-list"),
    path("designs/new", views.design_new, name="design-new"),
    path("designs/<int:design_id>/", views.design_editor, name="design-editor"),
    path("designs/<int:design_id>/rename", views.design_rename, name="design-rename"),
    path("designs/<int:design_id>/duplicate", views.design_duplicate, name="design-duplicate"),
    path("designs/<int:design_id>/delete", views.design_delete, name="design-delete"),
    path("schemas/mlsd-design-1.json", DocumentSchemaView.as_view(), name="document-schema"),
    path("api/", include("designer.api.urls")),
    path("", include("designer.validation.urls")),
    path("", include("designer.export.urls")),
    path("", include("designer.sharing.urls")),
    path("", include("designer.interview.urls")),
    path("", include("component_catalog.urls")),
    path("admin/", admin.site.urls),
    path("favicon.ico", views.favicon),
]
