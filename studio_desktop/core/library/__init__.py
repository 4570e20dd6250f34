"""The output library: every file we keep for the user.

`files` (saving outputs under our own names, thumbnails, inputs, deletion, temp clean-up),
`atomic` (crash-safe writes), `imaging` (bounded image decoding and PNG text), `media` (video and
audio probing and thumbnails), `metadata` (reading parameters back from images), `output_folder`
(where new outputs go) and `retention` (trash and temp housekeeping). Nothing here imports Qt.
"""
