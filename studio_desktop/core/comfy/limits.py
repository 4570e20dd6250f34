"""How much and how long we accept from a ComfyUI server: every transport bound, in one place.

A server is trusted with our prompts, not with our memory, time or credentials. These bounds sit
far above anything a real ComfyUI sends (see docs/ARCHITECTURE.md, "Limits and origin policy"),
so they only ever stop a broken or hostile peer.
"""

from __future__ import annotations

MIB = 1024 * 1024

# Overall deadline of one API call: connect, send, status line, headers and the whole body. The
# per-read `timeout` of ComfyClient alone cannot stop a server that sends one byte every few
# seconds. /object_info of a server with hundreds of custom nodes takes seconds, not minutes.
REQUEST_DEADLINE_SECONDS = 120.0
# /view downloads and /upload/image: up to MAX_VIEW_BYTES over a slow network.
TRANSFER_DEADLINE_SECONDS = 600.0

# A JSON answer (/object_info is the largest: a few MB with many custom nodes).
MAX_JSON_BYTES = 64 * MIB
# What we read of an error answer (a 400 rejection lists node errors; the rest is a snippet).
MAX_ERROR_BODY_BYTES = 1 * MIB
# One downloaded output file (a video can be large; an image is a few MB).
MAX_VIEW_BYTES = 256 * MIB
# Same-origin redirects followed per call (a proxy adding a slash, say). Never another origin.
MAX_REDIRECTS = 5

# One websocket message, whatever its framing: previews are a few hundred KB, status JSON less.
MAX_WS_MESSAGE_BYTES = 64 * MIB
# Fragments of one websocket message. ComfyUI (aiohttp) sends one frame per message.
MAX_WS_FRAGMENTS = 1024
# The websocket opening handshake, start to finish.
WS_HANDSHAKE_DEADLINE_SECONDS = 15.0

# Names one list answer (/embeddings) or keys one metadata answer (/view_metadata) may give: a
# large model folder holds thousands, never this many.
MAX_LISTED_NAMES = 100_000
# One metadata value: ss_tag_frequency of a big training set is a few hundred KB of JSON.
MAX_METADATA_VALUE_CHARS = 4 * MIB
