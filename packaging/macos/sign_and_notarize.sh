#!/usr/bin/env bash
# Sign Rebound.app with a Developer ID certificate, rebuild the disk image from the
# signed app, sign and notarize the image, and staple the ticket to it.
#   packaging/macos/sign_and_notarize.sh dist/Rebound.app dist/installer/Rebound-X.Y.Z.dmg
#
# Needs, from the environment (CI secrets):
#   MACOS_CERTIFICATE           base64 of the Developer ID Application .p12
#   MACOS_CERTIFICATE_PASSWORD  its password
#   APPLE_ID, APPLE_TEAM_ID     the developer account
#   APPLE_APP_PASSWORD          an app-specific password for notarytool
# Without them it says so and exits 0: forks and pull requests still get an
# unsigned disk image (which opens with right-click -> Open).
set -euo pipefail
app="${1:?usage: sign_and_notarize.sh path/to/Rebound.app path/to/Rebound.dmg}"
dmg="${2:?usage: sign_and_notarize.sh path/to/Rebound.app path/to/Rebound.dmg}"
here="$(cd "$(dirname "$0")" && pwd)"

missing=()
for var in MACOS_CERTIFICATE MACOS_CERTIFICATE_PASSWORD APPLE_ID APPLE_TEAM_ID APPLE_APP_PASSWORD; do
  [ -n "${!var:-}" ] || missing+=("$var")
done
if ((${#missing[@]})); then
  echo "Signing and notarization skipped: ${missing[*]} not set."
  exit 0
fi

# A throw-away keychain holding only the certificate, removed on exit.
work="$(mktemp -d)"
keychain="$work/rebound-signing.keychain-db"
keychain_password="$(uuidgen)"
cleanup() { security delete-keychain "$keychain" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
printf '%s' "$MACOS_CERTIFICATE" | base64 --decode > "$work/certificate.p12"
security create-keychain -p "$keychain_password" "$keychain"
security set-keychain-settings -lut 3600 "$keychain"
security unlock-keychain -p "$keychain_password" "$keychain"
security import "$work/certificate.p12" -k "$keychain" -P "$MACOS_CERTIFICATE_PASSWORD" \
  -T /usr/bin/codesign
security set-key-partition-list -S apple-tool:,apple:,codesign: -s -k "$keychain_password" "$keychain"
# shellcheck disable=SC2046  # the existing keychains, one word each
security list-keychains -d user -s "$keychain" $(security list-keychains -d user | tr -d '"')
identity="$(security find-identity -v -p codesigning "$keychain" |
  awk -F'"' '/Developer ID Application/ { print $2; exit }')"
[ -n "$identity" ] || { echo "No Developer ID Application identity in the certificate" >&2; exit 1; }

sign() { codesign --force --timestamp --options runtime --keychain "$keychain" --sign "$identity" "$@"; }
# Inside out: every library, then the frameworks, then the executable and the app
# with the hardened runtime's entitlements (Python's ctypes needs one).
while IFS= read -r -d '' file; do
  if file -b "$file" | grep -q "Mach-O"; then sign "$file"; fi
done < <(find "$app/Contents" -type f ! -path "*/Contents/MacOS/*" -print0)
while IFS= read -r -d '' framework; do sign "$framework"; done \
  < <(find "$app/Contents" -type d -name "*.framework" -print0)
sign --entitlements "$here/entitlements.plist" "$app/Contents/MacOS/$(basename "$app" .app)"
sign --entitlements "$here/entitlements.plist" "$app"
codesign --verify --strict --verbose=2 "$app"

bash "$here/make_dmg.sh" "$app" "$dmg"
sign "$dmg"
xcrun notarytool submit "$dmg" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
  --password "$APPLE_APP_PASSWORD" --wait
xcrun stapler staple "$dmg"
spctl --assess --type open --context context:primary-signature --verbose=2 "$dmg"
echo "Signed and notarized: $dmg"
