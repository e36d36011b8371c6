"""API routes."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from . import views

urlpatterns = [
    path("designs/", views.DesignListView.as_view(), name="api-design-list"),
    path("designs/<int:design_id>/", views.DesignDetailView.as_view(), name="api-design-detail"),
    path("designs/<int:design_id>/ops/", views.DesignOpsView.as_view(), name="api-design-ops"),
    path("designs/<int:design_id>/findings/", views.DesignFindingsView.as_view(), name="api-design-findings"),
    path("validate/", views.ValidateView.as_view(), name="api-validate"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
