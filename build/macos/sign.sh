#!/usr/bin/env bash
# Sign dist/StudioDesktop.app after PyInstaller (build/build.py calls this on macOS).
#
#   STUDIO_CODESIGN_IDENTITY unset  -> ad-hoc signature ("-"): runs on this Mac and on Apple
#                                      silicon at all, but Gatekeeper warns on other Macs.
#   STUDIO_CODESIGN_IDENTITY="Developer ID Application: Name (TEAMID)"
#                                   -> a real signature with the hardened runtime and a secure
#                                      timestamp, ready for notarization (build/macos/make_dmg.sh).
set -euo pipefail
app="${1:?usage: build/macos/sign.sh path/to/StudioDesktop.app}"
here="$(cd "$(dirname "$0")" && pwd)"
identity="${STUDIO_CODESIGN_IDENTITY:-}"

if [ -z "$identity" ]; then
    echo "== codesign: ad-hoc"
    codesign --force --deep --sign - "$app"
else
    echo "== codesign: $identity (hardened runtime)"
    codesign --force --deep --options runtime --timestamp \
        --entitlements "$here/entitlements.plist" --sign "$identity" "$app"
fi
codesign --verify --deep --strict --verbose=2 "$app"
