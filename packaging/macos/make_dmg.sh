#!/usr/bin/env bash
# Put dist/Rekindle.app in a compressed disk image with a shortcut to /Applications, so a
# person opens the .dmg and drags Rekindle across. macOS only (hdiutil).
#
#   packaging/macos/make_dmg.sh dist/Rekindle.app VERSION dist
set -euo pipefail

app=$1
version=$2
out=$3
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
target="$out/Rekindle-$version.dmg"
hdiutil create -volname "Rekindle" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$target" >/dev/null
echo "$target"
