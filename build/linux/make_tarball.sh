#!/usr/bin/env bash
# dist/StudioDesktop-<version>-linux-<arch>.tar.gz: the one-folder build as it is. Users unpack
# it anywhere and run StudioDesktop/StudioDesktop. Run after `python build/build.py`.
set -euo pipefail
cd "$(dirname "$0")/../.."

[ -x dist/StudioDesktop/StudioDesktop ] || {
    echo "error: dist/StudioDesktop missing; run python build/build.py first" >&2
    exit 1
}
version="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' studio_desktop/__init__.py)"
out="dist/StudioDesktop-${version}-linux-$(uname -m).tar.gz"
# Owner-neutral, so unpacking as root does not hand the files to the CI user's uid.
tar -C dist --owner=0 --group=0 --numeric-owner -czf "$out" StudioDesktop
echo "== $out ($(du -h "$out" | cut -f1))"
