#!/usr/bin/env bash
# Build dist/CallCheck-<version>.dmg from dist/CallCheck.app (macOS only), then optionally sign,
# notarize and staple it.
#
#   bash packaging/macos/make_dmg.sh VERSION
#
# Signing/notarization run when these are set (CI secrets), else the .dmg is unsigned:
#   CALLCHECK_CODESIGN_IDENTITY   "Developer ID Application: Example Corp (TEAMID)"
#   CALLCHECK_NOTARY_PROFILE      a keychain profile made once with
#                                 `xcrun notarytool store-credentials PROFILE --apple-id ... --team-id ... --password <app-specific>`
set -euo pipefail
version="$1"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
app="$root/dist/CallCheck.app"
dmg="$root/dist/CallCheck-$version.dmg"
identity="${CALLCHECK_CODESIGN_IDENTITY:-}"
[[ -d "$app" ]] || { echo "no $app: run packaging/build.sh first" >&2; exit 1; }

if [[ -n "$identity" ]]; then
    # Sign inside-out with the hardened runtime: every Mach-O, then the app. PyInstaller signs
    # when codesign_identity is set in the spec, but a final deep pass catches the data-side
    # libraries (Qt plugins, av dylibs) it may miss.
    find "$app/Contents" -type f \( -name "*.dylib" -o -name "*.so" \) -print0 |
        xargs -0 codesign --force --timestamp --options runtime --sign "$identity"
    codesign --force --timestamp --options runtime \
        --entitlements "$root/packaging/macos/entitlements.plist" --sign "$identity" \
        "$app/Contents/MacOS/callcheck" "$app/Contents/MacOS/callcheck-gui"
    codesign --force --timestamp --options runtime \
        --entitlements "$root/packaging/macos/entitlements.plist" --sign "$identity" "$app"
    codesign --verify --deep --strict --verbose=2 "$app"
fi

staging="$(mktemp -d)"
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
rm -f "$dmg"
hdiutil create -volname "CallCheck $version" -srcfolder "$staging" -fs HFS+ \
    -format UDZO -imagekey zlib-level=9 "$dmg"
rm -rf "$staging"

if [[ -n "$identity" ]]; then
    codesign --force --timestamp --sign "$identity" "$dmg"
    if [[ -n "${CALLCHECK_NOTARY_PROFILE:-}" ]]; then
        xcrun notarytool submit "$dmg" --keychain-profile "$CALLCHECK_NOTARY_PROFILE" --wait
        xcrun stapler staple "$dmg"
        spctl --assess --type open --context context:primary-signature --verbose "$dmg"
    fi
fi
echo "wrote $dmg ($(du -h "$dmg" | cut -f1))"
