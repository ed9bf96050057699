#!/bin/sh
# Install the application built by `make package` (dist/storydiff/) for one user or system-wide,
# with its menu entry, icon, AppStream metadata and the .storydiff file type; or remove it.
#
#   packaging/install.sh                     install into ~/.local
#   packaging/install.sh --prefix /usr/local install system-wide (run as root)
#   packaging/install.sh --uninstall [--prefix DIR]
#   --bundle DIR: install another one-folder build instead of dist/storydiff/
#
# Files go to PREFIX/lib/storydiff/ (the application), PREFIX/bin/storydiff (a link),
# PREFIX/share/{applications,metainfo,mime/packages,icons/hicolor}/. Every installed path is
# listed in PREFIX/lib/storydiff.installed, which --uninstall reads, so removing never
# touches anything the install did not write.
set -eu

APP_ID=io.github.storydiff.StoryDiff
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
BUNDLE=$ROOT/dist/storydiff
PREFIX=${HOME}/.local
ACTION=install

usage() {
    echo "usage: $0 [--prefix DIR] [--bundle DIR] [--uninstall]" >&2
    exit 2
}

while [ $# -gt 0 ]; do
    case $1 in
        --prefix) [ $# -ge 2 ] || usage; PREFIX=$2; shift 2 ;;
        --prefix=*) PREFIX=${1#--prefix=}; shift ;;
        --bundle) [ $# -ge 2 ] || usage; BUNDLE=$2; shift 2 ;;
        --uninstall) ACTION=uninstall; shift ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) usage ;;
    esac
done

case $PREFIX in
    /*) ;;
    *) PREFIX=$(pwd)/$PREFIX ;;  # the manifest and the menu entry need absolute paths
esac
SHARE=$PREFIX/share
APPDIR=$PREFIX/lib/storydiff
MANIFEST=$PREFIX/lib/storydiff.installed

# Refresh the desktop's caches; each tool is optional (a minimal system lacks them).
refresh_caches() {
    if command -v update-mime-database >/dev/null 2>&1; then update-mime-database "$SHARE/mime" || true; fi
    if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database "$SHARE/applications" || true; fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache --quiet --ignore-theme-index "$SHARE/icons/hicolor" || true
    fi
}

# put SOURCE TARGET [MODE]: copy one file and record it in the manifest.
put() {
    mkdir -p "$(dirname "$2")"
    cp "$1" "$2"
    chmod "${3:-644}" "$2"
    echo "$2" >>"$MANIFEST"
}

install_app() {
    if [ ! -x "$BUNDLE/storydiff" ]; then
        echo "$BUNDLE/storydiff not found: build it first with 'make package'" >&2
        exit 1
    fi
    if [ -e "$MANIFEST" ]; then uninstall_app; fi
    if [ -e "$APPDIR" ]; then
        echo "$APPDIR exists but was not installed by this script; remove it first" >&2
        exit 1
    fi
    mkdir -p "$PREFIX/lib" "$PREFIX/bin"
    : >"$MANIFEST"
    cp -R "$BUNDLE" "$APPDIR"
    echo "$APPDIR" >>"$MANIFEST"
    ln -sf "$APPDIR/storydiff" "$PREFIX/bin/storydiff"
    echo "$PREFIX/bin/storydiff" >>"$MANIFEST"
    # The menu entry runs the installed program by its full path: PREFIX/bin may not be on PATH.
    mkdir -p "$SHARE/applications"
    sed -e "s|^Exec=storydiff |Exec=$APPDIR/storydiff |" -e "s|^TryExec=storydiff$|TryExec=$APPDIR/storydiff|" \
        "$HERE/$APP_ID.desktop" >"$SHARE/applications/$APP_ID.desktop"
    echo "$SHARE/applications/$APP_ID.desktop" >>"$MANIFEST"
    put "$HERE/$APP_ID.metainfo.xml" "$SHARE/metainfo/$APP_ID.metainfo.xml"
    put "$HERE/$APP_ID.mime.xml" "$SHARE/mime/packages/$APP_ID.xml"
    put "$ROOT/resources/icons/storydiff.svg" "$SHARE/icons/hicolor/scalable/apps/$APP_ID.svg"
    for png in "$HERE"/icons/hicolor/*/apps/"$APP_ID".png; do
        size=$(basename "$(dirname "$(dirname "$png")")")
        put "$png" "$SHARE/icons/hicolor/$size/apps/$APP_ID.png"
    done
    refresh_caches
    echo "StoryDiff installed in $APPDIR; run $PREFIX/bin/storydiff or open it from the menu."
}

uninstall_app() {
    if [ ! -e "$MANIFEST" ]; then
        echo "StoryDiff is not installed in $PREFIX (no $MANIFEST)" >&2
        exit 1
    fi
    # Only paths written by the install, and only under PREFIX.
    while IFS= read -r path; do
        case $path in
            "$PREFIX"/*) rm -rf -- "$path" ;;
        esac
    done <"$MANIFEST"
    rm -f -- "$MANIFEST"
    refresh_caches
    echo "StoryDiff removed from $PREFIX."
}

if [ "$ACTION" = install ]; then install_app; else uninstall_app; fi
