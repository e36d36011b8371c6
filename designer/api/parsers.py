"""A JSON parser with documented limits: size and nesting give a 4xx, never a RecursionError 500."""

from django.conf import settings
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import BaseParser, JSONParser

from designer.document import InvalidDocument, loads
from designer.middleware import body_limit_message


class PayloadTooLarge(APIException):
    status_code = 413
    default_code = "payload_too_large"

    def __init__(self):
        super().__init__(body_limit_message(settings.DATA_UPLOAD_MAX_MEMORY_SIZE))


def parse_json(raw: bytes | str):
    """A JSON body's value, or 400 naming what is wrong with it (an empty body is {})."""
    try:
        return loads(raw) if raw else {}
    except InvalidDocument as exc:
        raise ParseError({"problems": [p.as_dict() for p in exc.problems], "detail": str(exc.problems[0])}) from None


def read_limited(stream) -> bytes:
    """The body's bytes, or 413 past the documented limit."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    raw = stream.read(limit + 1) if stream is not None else b""
    if len(raw) > limit:
        raise PayloadTooLarge()
    return raw


class LimitedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        return parse_json(read_limited(stream))


class RawBodyParser(BaseParser):
    """The body's bytes as sent, within the same limit: for the importer, which reads JSON, SVG and
    Mermaid itself (one subclass per media type it accepts, so others get 415)."""

    def parse(self, stream, media_type=None, parser_context=None):
        return read_limited(stream)


class RawJSONParser(RawBodyParser):
    """JSON as its bytes: for views that hand a large body to a worker process, which parses it with
    `parse_json` (the same answers as LimitedJSONParser's), so the server never holds it parsed."""

    media_type = "application/json"


class RawSVGParser(RawBodyParser):
    media_type = "image/svg+xml"


class RawTextParser(RawBodyParser):
    media_type = "text/plain"


IMPORT_PARSERS = [RawJSONParser, RawSVGParser, RawTextParser]
