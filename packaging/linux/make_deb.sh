#!/usr/bin/env bash
# Turn the PyInstaller folder into a Debian package a person installs by double-clicking it
# (the desktop's software installer opens .deb files): the app in /opt/rekindle, a `rekindle`
# command, a menu entry and the icon in every size the desktop asks for.
#
#   packaging/linux/make_deb.sh BUNDLE_DIR VERSION OUT_DIR
set -euo pipefail

bundle=$(realpath "$1")
version=$2
out=$(realpath -m "$3")
here=$(dirname "$(realpath "$0")")
icons=$(realpath "$here/../../resources/icons")

test -x "$bundle/Rekindle" || { echo "error: $bundle/Rekindle is not a built bundle" >&2; exit 2; }

# The bundle is gigabytes (torch): the staging tree hard-links its files rather than copying
# them, so building the package needs room for the .deb alone. It sits beside the output,
# usually the bundle's own file system; across file systems it falls back to a copy.
mkdir -p "$out"
stage=$(mktemp -d "$out/.rekindle-deb.XXXXXX")
trap 'rm -rf "$stage"' EXIT
install -d "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" "$stage/DEBIAN"
if ! cp -al "$bundle" "$stage/opt/rekindle" 2>/dev/null; then
    rm -rf "$stage/opt/rekindle"
    cp -a "$bundle" "$stage/opt/rekindle"
fi
ln -s /opt/rekindle/Rekindle "$stage/usr/bin/rekindle"
install -m 644 "$here/rekindle.desktop" "$stage/usr/share/applications/rekindle.desktop"
for png in "$icons"/rekindle-*.png; do
    side=$(basename "$png" .png | cut -d- -f2)
    install -D -m 644 "$png" "$stage/usr/share/icons/hicolor/${side}x${side}/apps/rekindle.png"
done

# Qt's window plugin needs these X11/Wayland libraries, which minimal desktops may lack. A
# desktop set up for another language may have no Chinese font, and the Chinese translation
# would be drawn as boxes: apt installs what a package recommends unless told not to.
cat > "$stage/DEBIAN/control" <<CONTROL
Package: rekindle
Version: $version
Architecture: amd64
Maintainer: Rekindle developers <rekindle@localhost>
Installed-Size: $(du -sk "$stage" | cut -f1)
Depends: libegl1, libgl1, libxkbcommon0, libxkbcommon-x11-0, libfontconfig1, libdbus-1-3, libglib2.0-0, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1
Recommends: fonts-noto-cjk | fonts-wqy-microhei
Section: graphics
Priority: optional
Description: Restore and enlarge old photos and films
 Rekindle restores old prints and film with a super-resolution network that
 runs on the computer itself: drag photos in, compare before and after with a
 slider, and train the model on your own collection.
CONTROL

target="$out/rekindle_${version}_amd64.deb"
# zstd at a low level: the bundle is mostly already-compressed libraries, so higher levels
# cost minutes and save little.
dpkg-deb --root-owner-group -Zzstd -z3 --build "$stage" "$target" >/dev/null
echo "$target"
