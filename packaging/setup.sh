#!/usr/bin/env bash
# Install everything CallCheck needs on Debian/Ubuntu, into ./.venv (and ./.venv-noqt for tests).
#
#   bash packaging/setup.sh app    # system libraries + the app and its GUI
#   bash packaging/setup.sh test   # the above + test tools, audio/network test services
#
# System packages come from apt-get (run as root, or with sudo available); Python packages from
# pip, pinned by packaging/constraints.txt. Re-running is fast: nothing is reinstalled unless
# pyproject.toml or the constraints changed.
set -euo pipefail

mode="${1:-app}"
case "$mode" in app | test) ;; *) echo "usage: $0 app|test" >&2; exit 2 ;; esac
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Runtime: Python, PortAudio (sounddevice), ALSA's PulseAudio plugin, and the libraries Qt's
# xcb/offscreen platforms load at run time (PyInstaller and pip wheels do not bring them).
apt_app=(
    python3 python3-venv python3-pip
    libportaudio2 libasound2 libasound2-plugins
    libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 libfontconfig1 fonts-dejavu-core
    libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
    libxcb-randr0 libxcb-render-util0 libxcb-image0
)
# Tests: a PulseAudio null sink as the sound card, network namespaces with nftables, a virtual
# screen, a browser to render HTML reports, a TURN server (coturn) for relay tests, the
# fleet store's PostgreSQL and a Prometheus that scrapes the server, and poppler-utils
# (pdftoppm, pdftotext) to read back the PDF report.
apt_test=(pulseaudio pulseaudio-utils alsa-utils swh-plugins iproute2 nftables xvfb chromium coturn
    postgresql prometheus poppler-utils)

packages=("${apt_app[@]}")
[[ "$mode" == test ]] && packages+=("${apt_test[@]}")

missing=()
for pkg in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
    sudo=""
    if [[ $EUID -ne 0 ]]; then
        command -v sudo >/dev/null || { echo "need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
        sudo="sudo"
    fi
    echo "setup: installing system packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python="${PYTHON:-python3}"

# make_venv DIR EXTRAS: create DIR and install the project with EXTRAS, unless already current.
make_venv() {
    local dir="$1" extras="$2"
    local stamp="$dir/.callcheck-installed"
    local want
    want="$(cat pyproject.toml packaging/constraints.txt | sha256sum | cut -d' ' -f1) $extras"
    if [[ -x "$dir/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
        return
    fi
    echo "setup: installing Python packages into $dir ($extras)"
    [[ -x "$dir/bin/python" ]] || "$python" -m venv "$dir"
    "$dir/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip 2>/dev/null || true
    "$dir/bin/python" -m pip install -q --disable-pip-version-check \
        -c packaging/constraints.txt -e ".[$extras]"
    echo "$want" >"$stamp"
}

if [[ "$mode" == app ]]; then
    make_venv .venv gui
else
    # The proof that core, engine and cli need no Qt: a second environment without PySide6.
    # Both at once (pip is mostly unpacking: one core each); a failure in either stops setup.
    make_venv .venv-noqt test &
    noqt=$!
    make_venv .venv gui,test,qttest,lint
    wait "$noqt"
fi
# The translations the app loads (resources/i18n/callcheck_<locale>.qm) are build output, not in
# git: compiled from the .ts files here, for a checkout or an editable install (build.sh does it
# again before the wheel and the bundles).
LRELEASE="$root/.venv/bin/pyside6-lrelease" bash packaging/update_translations.sh qm >/dev/null
echo "setup: ready ($mode)"
