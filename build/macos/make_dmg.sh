#!/usr/bin/env bash
# dist/StudioDesktop-<version>-macos-<arch>.dmg: the signed .app and a link to /Applications,
# so users drag one onto the other. Run after `python build/build.py` (which signs the .app).
#
#   STUDIO_CODESIGN_IDENTITY  Developer ID identity: the .dmg is signed with it too.
#   STUDIO_NOTARY_PROFILE     a notarytool keychain profile (xcrun notarytool store-credentials):
#                             the .dmg is notarized and the ticket stapled. Needs the identity.
set -euo pipefail
cd "$(dirname "$0")/../.."

app="dist/StudioDesktop.app"
[ -d "$app" ] || { echo "error: $app missing; run python build/build.py first" >&2; exit 1; }
version="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' studio_desktop/__init__.py)"
dmg="dist/StudioDesktop-${version}-macos-$(uname -m).dmg"
identity="${STUDIO_CODESIGN_IDENTITY:-}"
profile="${STUDIO_NOTARY_PROFILE:-}"
if [ -n "$profile" ] && [ -z "$identity" ]; then
    echo "error: notarization (STUDIO_NOTARY_PROFILE) needs STUDIO_CODESIGN_IDENTITY" >&2
    exit 1
fi

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
ditto "$app" "$stage/StudioDesktop.app"  # ditto keeps the signature's extended attributes
ln -s /Applications "$stage/Applications"
rm -f "$dmg"
hdiutil create -volname "Studio Desktop" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$dmg"

if [ -n "$identity" ]; then
    codesign --force --timestamp --sign "$identity" "$dmg"
fi
if [ -n "$profile" ]; then
    # Notarizing the .dmg covers the .app inside it; stapling lets Gatekeeper check offline.
    xcrun notarytool submit "$dmg" --keychain-profile "$profile" --wait
    xcrun stapler staple "$dmg"
fi
echo "== $dmg ($(du -h "$dmg" | cut -f1))"
