"""Sharing fixtures: a fresh channel layer per test (services broadcast after commit)."""

import pytest
from channels.layers import channel_layers


@pytest.fixture(autouse=True)
def fresh_channel_layer():
    """channels_redis keeps asyncio objects bound to the loop that first used them; start each test afresh."""
    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()
