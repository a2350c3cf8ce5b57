#!/usr/bin/env bash
# Build the frozen bundle and, on Debian/Ubuntu, the .deb; the wheel and the reflector's .deb:
#
#   bash packaging/build.sh            # all of the below
#   bash packaging/build.sh bundle     # only the frozen bundle (any OS with bash)
#   bash packaging/build.sh desktop    # the bundle and dist/callcheck_<version>+<build>_amd64.deb
#   bash packaging/build.sh wheel      # dist/callcheck-<version>.tar.gz and the wheel (python -m build)
#   bash packaging/build.sh server     # the wheel and dist/callcheck-server_<version>+<build>_amd64.deb
#
# Outputs go to dist/ and build/ (both gitignored). The version is callcheck.__version__; the build
# id is $CALLCHECK_BUILD_ID, else the git short hash, else the UTC time (see callcheck.spec).
# Needs: the project's .venv (packaging/setup.sh app), and on Linux binutils (strip, readelf, nm),
# gcc, icu-devtools (icupkg) and dpkg-dev. PyInstaller is installed into .venv from
# packaging/build-requirements.txt if missing.
set -euo pipefail

what="${1:-all}"
case "$what" in all | bundle | desktop | wheel | server) ;;
*) echo "usage: $0 [all|bundle|desktop|wheel|server]" >&2; exit 2 ;;
esac
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
python="${PYTHON:-$root/.venv/bin/python}"
dist="$root/dist"
work="$root/build/pyinstaller"
started=$SECONDS

if [[ "$(uname -s)" == Linux && "$what" != wheel ]]; then
    missing=()
    for tool in strip readelf nm cc icupkg dpkg-deb; do
        command -v "$tool" >/dev/null || missing+=("$tool")
    done
    if ((${#missing[@]})); then
        echo "build: missing tools: ${missing[*]} (apt-get install binutils gcc icu-devtools dpkg-dev)" >&2
        exit 1
    fi
fi

version="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' desktop/callcheck/__init__.py)"
[[ -n "$version" ]] || { echo "build: no __version__ in desktop/callcheck/__init__.py" >&2; exit 1; }

# The translations the app loads (resources/i18n/*.qm) are built from the .ts files here;
# the spec and the wheel ship all of resources/.
LUPDATE="$root/.venv/bin/pyside6-lupdate" LRELEASE="$root/.venv/bin/pyside6-lrelease" \
    bash packaging/update_translations.sh qm

# build_wheel: the sdist and the wheel (python -m build: an isolated build environment, the wheel
# built from the unpacked sdist), the build backend pinned by the constraints.
build_wheel() {
    echo "build: wheel and sdist of callcheck $version"
    rm -f "$dist"/callcheck-*.whl "$dist"/callcheck-*.tar.gz
    if ! "$python" -c "import build" 2>/dev/null; then
        "$python" -m pip install -q --disable-pip-version-check -c packaging/constraints.txt build
    fi
    PIP_CONSTRAINT="$root/packaging/constraints.txt" "$python" -m build --outdir "$dist" . >"$root/build/wheel.log" 2>&1 ||
        { tail -20 "$root/build/wheel.log" >&2; exit 1; }
    ls -l "$dist"/callcheck-*.whl "$dist"/callcheck-*.tar.gz | awk '{print "build: " $NF " (" $5 " bytes)"}'
}

# The build id for the server .deb, as callcheck.spec makes it for the bundle.
build_id_of_checkout() {
    [[ -n "${CALLCHECK_BUILD_ID:-}" ]] && { echo "$CALLCHECK_BUILD_ID"; return; }
    git -C "$root" rev-parse --short=8 HEAD 2>/dev/null || date -u +%Y%m%d%H%M
}

mkdir -p "$dist" "$root/build"
if [[ "$what" == wheel || "$what" == server || "$what" == all ]]; then
    build_wheel
fi
if [[ "$what" == server || "$what" == all ]]; then
    wheel="$(ls "$dist"/callcheck-"$version"-py3-none-any.whl)"
    bash packaging/linux/build_server_deb.sh "$wheel" "$version" "$(build_id_of_checkout)" "$dist"
fi
if [[ "$what" == wheel || "$what" == server ]]; then
    echo "build: done in $((SECONDS - started)) s"
    exit 0
fi

if ! "$python" -c "import PyInstaller" 2>/dev/null; then
    echo "build: installing PyInstaller into $("$python" -c 'import sys; print(sys.prefix)')"
    "$python" -m pip install -q --disable-pip-version-check -r packaging/build-requirements.txt
fi

echo "build: freezing callcheck $version"
rm -rf "$dist/callcheck"
"$python" -m PyInstaller --noconfirm --log-level WARN --distpath "$dist" --workpath "$work" \
    packaging/callcheck.spec
build_id="$(sed -n "s/^BUILD = '\(.*\)'$/\1/p" "$work/callcheck/stamp/_callcheck_build.py")"
echo "build: bundle dist/callcheck ($(du -sh "$dist/callcheck" | cut -f1), build $build_id," \
    "$((SECONDS - started)) s)"

[[ "$what" == bundle ]] && exit 0
if [[ "$(uname -s)" != Linux ]]; then
    echo "build: installers for this OS are built by packaging/ci/build-installers.yml" >&2
    exit 0
fi
bash packaging/linux/build_deb.sh "$dist/callcheck" "$version" "$build_id" "$dist"
echo "build: done in $((SECONDS - started)) s"
