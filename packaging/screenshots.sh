#!/usr/bin/env bash
# Screenshots of every screen of the desktop app at 1366×768, in English and in every shipped
# language (resources/i18n/callcheck_<locale>.ts), to artifacts/screenshots/<language>/<screen>.png
# (gitignored; the 1024×640 window in <language>/1024x640/, the translations in the dark theme in
# <language>/dark/), for a person to look at. Offscreen.
#
#   bash packaging/screenshots.sh
#
# It is the translated-screens test (tests/gui/test_translated_screens.py): the screenshots are
# saved before the test checks that no text is clipped, so a failing language is still pictured.
# English in both themes: tests/gui/test_screenshots.py (artifacts/screenshots/*.png).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export QT_QPA_PLATFORM=offscreen
"$root/.venv/bin/python" -m pytest -q -p no:cacheprovider tests/gui/test_translated_screens.py \
    -k test_no_text_is_clipped_on_any_screen "$@"
ls -d artifacts/screenshots/*/ | sed 's/^/screenshots: /'
