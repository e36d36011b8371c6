"""Websocket routes (the live-collaboration issue adds the design room consumer)."""
websocket_urlpatterns: list = []
