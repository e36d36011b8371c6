"""Websocket routes: the owner's room by design id (session), a guest's by share token (path)."""

from django.urls import path

from .consumers import DesignConsumer

websocket_urlpatterns = [
    path("ws/designs/<int:design_id>/", DesignConsumer.as_asgi(), name="ws-design"),
    path("ws/s/<str:token>/", DesignConsumer.as_asgi(), name="ws-design"),
]
