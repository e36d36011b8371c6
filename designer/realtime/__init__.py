"""Live collaboration over websockets (Channels)."""
