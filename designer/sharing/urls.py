"""URLs of designer.sharing (included at the root of designer/urls.py, so paths are full)."""

from django.urls import path

from . import api, views

urlpatterns = [
    path("s/<str:token>/", views.share_page, name="share-page"),
    path("api/designs/<int:design_id>/share-links/", api.ShareLinkListView.as_view(), name="api-share-links"),
    path(
        "api/designs/<int:design_id>/share-links/<int:link_id>/",
        api.ShareLinkDetailView.as_view(),
        name="api-share-link",
    ),
    path("api/designs/<int:design_id>/comments/", api.DesignCommentsView.as_view(), name="api-design-comments"),
    path("api/s/<str:token>/design/", api.GuestDesignView.as_view(), name="api-guest-design"),
    path("api/s/<str:token>/ops/", api.GuestOpsView.as_view(), name="api-guest-ops"),
    path("api/s/<str:token>/comments/", api.GuestCommentsView.as_view(), name="api-guest-comments"),
    path("api/s/<str:token>/findings/", api.GuestFindingsView.as_view(), name="api-guest-findings"),
]
