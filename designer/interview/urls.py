"""URLs of designer.interview (included at the root of designer/urls.py, so paths are written in full)."""

from django.urls import path

from . import api, views

urlpatterns = [
    path("designs/new/template", views.design_new_from_template, name="design-new-from-template"),
    path("designs/<int:design_id>/report/", views.report, name="interview-report"),
    path("designs/<int:design_id>/report/share", views.report_share, name="interview-report-share"),
    path("designs/<int:design_id>/report.md", views.report_markdown_download, name="interview-report-md"),
    path("designs/<int:design_id>/report/diagram.svg", views.report_diagram, name="interview-report-diagram"),
    path("designs/<int:design_id>/replay/", views.replay, name="interview-replay"),
    path("api/templates/", api.TemplateListView.as_view(), name="api-templates"),
    path("api/designs/from-template/", api.DesignFromTemplateView.as_view(), name="api-design-from-template"),
    path("api/interview/framework/", api.FrameworkView.as_view(), name="api-interview-framework"),
    path("api/rubric/", api.RubricView.as_view(), name="api-rubric"),
    path("api/designs/<int:design_id>/rubric/", api.DesignRubricView.as_view(), name="api-design-rubric"),
    path("api/designs/<int:design_id>/history/", api.DesignHistoryView.as_view(), name="api-design-history"),
    path(
        "api/designs/<int:design_id>/history/<int:version>/",
        api.DesignHistoryVersionView.as_view(),
        name="api-design-history-version",
    ),
    path("api/designs/<int:design_id>/interview/", api.DesignInterviewView.as_view(), name="api-design-interview"),
    path("api/interviews/<int:session_id>/", api.InterviewDetailView.as_view(), name="api-interview"),
    path("api/interviews/<int:session_id>/next/", api.InterviewNextView.as_view(), name="api-interview-next"),
    path("api/interviews/<int:session_id>/end/", api.InterviewEndView.as_view(), name="api-interview-end"),
    path("api/interviews/<int:session_id>/review/", api.InterviewReviewView.as_view(), name="api-interview-review"),
    path("api/interviews/<int:session_id>/share/", api.InterviewShareView.as_view(), name="api-interview-share"),
    path("s/<str:token>/report/", views.link_report, name="link-report"),
    path("s/<str:token>/report.md", views.link_report_markdown_download, name="link-report-md"),
    path("s/<str:token>/report/diagram.svg", views.link_report_diagram, name="link-report-diagram"),
    path("s/<str:token>/replay/", views.link_replay, name="link-replay"),
    path("api/s/<str:token>/history/", api.GuestHistoryView.as_view(), name="api-guest-history"),
    path(
        "api/s/<str:token>/history/<int:version>/",
        api.GuestHistoryVersionView.as_view(),
        name="api-guest-history-version",
    ),
    path("api/s/<str:token>/interview/", api.GuestInterviewView.as_view(), name="api-guest-interview"),
    path("api/s/<str:token>/interview/next/", api.GuestInterviewNextView.as_view(), name="api-guest-interview-next"),
    path("api/s/<str:token>/interview/end/", api.GuestInterviewEndView.as_view(), name="api-guest-interview-end"),
    path(
        "api/s/<str:token>/interview/review/", api.GuestInterviewReviewView.as_view(), name="api-guest-interview-review"
    ),
    path("api/s/<str:token>/interview/share/", api.GuestInterviewShareView.as_view(), name="api-guest-interview-share"),
]
