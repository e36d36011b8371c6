"""Top-level routes: pages at the root, every app's API under /api/, auth, the catalog and the admin.

Each app's urls.py holds its pages (`urlpatterns`) and its API routes (`api_urlpatterns`, relative to
/api/). Routes about one design come in two shapes onto one view, /designs/<id>/… for an account and
/s/<token>/… for a share link (designer/sharing/http.py, design_routes).
"""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from component_catalog import urls as catalog_urls

from . import views
from .api import urls as designs_api_urls
from .api.views import DocumentSchemaView
from .export import urls as export_urls
from .interview import urls as interview_urls
from .sharing import urls as sharing_urls
from .sharing.http import design_routes
from .validation import urls as validation_urls

api_urlpatterns = [
    *designs_api_urls.urlpatterns,
    *sharing_urls.api_urlpatterns,
    *interview_urls.api_urlpatterns,
    *export_urls.api_urlpatterns,
    *validation_urls.api_urlpatterns,
    *catalog_urls.api_urlpatterns,
]

urlpatterns = [
    path("", views.home, name="home"),
    path("signup/", views.signup, name="signup"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("designs/", views.design_list, name="design-list"),
    path("designs/new", views.design_new, name="design-new"),
    path("designs/import", views.design_import, name="design-import"),
    *design_routes("", views.design_editor, "design-editor"),
    path("designs/<int:design_id>/rename", views.design_rename, name="design-rename"),
    path("designs/<int:design_id>/duplicate", views.design_duplicate, name="design-duplicate"),
    path("designs/<int:design_id>/delete", views.design_delete, name="design-delete"),
    path("schemas/mlsd-design-1.json", DocumentSchemaView.as_view(), name="document-schema"),
    path("api/", include(api_urlpatterns)),
    *interview_urls.urlpatterns,
    *validation_urls.urlpatterns,
    *catalog_urls.urlpatterns,
    path("admin/", admin.site.urls),
    path("favicon.ico", views.favicon),
]

handler400 = views.error_400
handler403 = views.error_403
handler404 = views.error_404
handler500 = views.error_500
