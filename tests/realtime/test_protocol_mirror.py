"""The TypeScript mirror of the wire contract names the same message types as designer/realtime/protocol.py."""

import re
from pathlib import Path

from designer.realtime import protocol

MIRROR = Path(__file__).resolve().parents[2] / "designer" / "frontend" / "src" / "realtime" / "protocol.ts"


def test_server_message_types_match_the_typescript_mirror():
    source = MIRROR.read_text(encoding="utf-8")
    listed = re.search(r"export const SERVER_TYPES[^=]*= new Set\(\[(.*?)\]\)", source, re.S).group(1)
    assert sorted(re.findall(r'"([a-z.]+)"', listed)) == sorted(protocol.SERVER_TYPES)


def test_client_message_types_match_the_typescript_mirror():
    source = MIRROR.read_text(encoding="utf-8")
    union = re.search(r"export type ClientMessage =(.*?);\n\n", source, re.S).group(1)
    assert sorted(re.findall(r'type: "([a-z.]+)"', union)) == sorted(protocol.CLIENT_TYPES)
