"""Websocket routes: the owner's room by design id (session), a guest's by share token (path)."""

from django.urls import path

from .consumers import DesignConsumer

# types-channels types Django's path() as taking views only; channels routes ASGI apps with it.
websocket_urlpatterns = [
    path("ws/designs/<int:design_id>/", DesignConsumer.as_asgi(), name="ws-design"),  # type: ignore[arg-type]
    path("ws/s/<str:token>/", DesignConsumer.as_asgi(), name="ws-design"),  # type: ignore[arg-type]
]
