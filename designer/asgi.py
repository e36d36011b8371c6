"""ASGI entry point: HTTP through Django, websockets through Channels."""

import gc
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "designer.settings")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.sessions import SessionMiddlewareStack  # noqa: E402

from designer.middleware import BodyLimitMiddleware  # noqa: E402
from designer.realtime.origin import OriginCheck  # noqa: E402
from designer.realtime.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        # Request bodies are capped before Django reads them (designer/middleware.py).
        "http": BodyLimitMiddleware(django_asgi_app),
        # Only this site's own pages (scheme, host and port) open sockets (designer/realtime/origin.py);
        # the consumer resolves the session's account itself, on its database threads.
        "websocket": OriginCheck(
            SessionMiddlewareStack(URLRouter(websocket_urlpatterns))  # type: ignore[arg-type]  # see routing.py
        ),
    }
)

# Everything imported so far (Django, the catalog, the rule registry) lives as long as the process: moved
# out of the collector's generations, a large review no longer pays for walking it on every collection
# (bench/validator.py prints validation with and without this, side by side).
gc.freeze()
