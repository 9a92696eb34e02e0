#!/usr/bin/env bash
# A drag-to-install disk image: Rebound.app beside a link to /Applications.
#   packaging/macos/make_dmg.sh dist/Rebound.app dist/installer/Rebound-X.Y.Z.dmg
# Run by packaging/build.py, and again by sign_and_notarize.sh once the app is signed.
set -euo pipefail
app="${1:?usage: make_dmg.sh path/to/Rebound.app output.dmg}"
dmg="${2:?usage: make_dmg.sh path/to/Rebound.app output.dmg}"
name="$(basename "$app" .app)"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
# ditto keeps symbolic links, extended attributes and code signatures intact.
ditto "$app" "$stage/$name.app"
ln -s /Applications "$stage/Applications"

mkdir -p "$(dirname "$dmg")"
rm -f "$dmg"
# hdiutil now and then fails with "Resource busy" on CI machines: try again.
for attempt in 1 2 3; do
  if hdiutil create -volname "$name" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$dmg"; then
    echo "Disk image: $dmg"
    exit 0
  fi
  echo "hdiutil failed (attempt $attempt), retrying" >&2
  sleep 5
done
exit 1
