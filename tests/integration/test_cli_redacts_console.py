"""A server address with a password is never printed whole on the console (issue 10: the URL's
password showed in the CLI's messages, though the log file already hid it)."""

from __future__ import annotations

import socket
from pathlib import Path

from tests.integration.test_cli import studio


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_a_password_in_a_server_address_is_hidden_in_every_message(tmp_path: Path) -> None:
    url = f"http://artist:s3cret-pw@127.0.0.1:{closed_port()}"
    down = studio("generate", "a cat", "--server", url, data_dir=tmp_path)
    bad = studio("generate", "a cat", "--server", url + "/?x=1", data_dir=tmp_path)
    for result in (down, bad):
        assert result.returncode == 2
        assert result.stderr.startswith("error:")
        assert "s3cret-pw" not in result.stdout + result.stderr
        assert "***@127.0.0.1" in result.stderr
