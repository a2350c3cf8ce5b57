#!/usr/bin/env bash
# Refresh the translations of the desktop app (Qt Linguist):
#
#   bash packaging/update_translations.sh       # steps 1-3 (after changing texts or a .ts)
#   bash packaging/update_translations.sh qm    # step 3 only (the build: .ts files untouched)
#
# 1. pyside6-lupdate extracts every text marked in desktop/callcheck/gui (texts.py, context
#    "texts") and every sentence template the core and the engine make (callcheck.core.phrase:
#    contexts "advice", "verdict", "why", "grades", "summary", "connectivity", "lists") into
#    resources/i18n/callcheck.ts, the template a translator copies to callcheck_<locale>.ts
#    (e.g. callcheck_de.ts) and opens in Qt Linguist;
# 2. each callcheck_<locale>.ts is updated with new and changed texts (translations kept);
#    then packaging/ts_numerus.py makes every text with %n (a count) a plural ("numerus") entry
#    with the language's plural forms, which lupdate cannot know (the texts are marked with
#    QT_TRANSLATE_NOOP, without the count) and would fold back into one form;
# 3. pyside6-lrelease compiles each callcheck_<locale>.ts to callcheck_<locale>.qm, the file the
#    app loads (callcheck.gui.i18n). Run this before freezing so the bundle ships the .qm files.
#
# The .ts files carry no source line numbers (-locations none), so the template changes only
# when a text does. Tools: the project's .venv, or $LUPDATE / $LRELEASE.
set -euo pipefail
what="${1:-all}"
case "$what" in all | qm) ;; *) echo "usage: $0 [all|qm]" >&2; exit 2 ;; esac
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
lupdate="${LUPDATE:-$root/.venv/bin/pyside6-lupdate}"
lrelease="${LRELEASE:-$root/.venv/bin/pyside6-lrelease}"
sources=(desktop/callcheck/gui desktop/callcheck/core desktop/callcheck/engine)
out=resources/i18n
mkdir -p "$out"

extract() {  # extract TS_FILE [lupdate options...]
    local ts="$1"
    shift
    "$lupdate" -silent -extensions py -locations none -source-language en "$@" "${sources[@]}" \
        -ts "$ts"
}

shopt -s nullglob
translations=("$out"/callcheck_*.ts)
python="${PYTHON:-python3}"
if [[ "$what" == all ]]; then
    saved="$(mktemp)"
    trap 'rm -f "$saved"' EXIT
    "$python" packaging/ts_numerus.py save "$saved" "${translations[@]}" "$out/callcheck.ts"
    extract "$out/callcheck.ts" -no-obsolete
    echo "update_translations: $out/callcheck.ts ($(grep -c '<source>' "$out/callcheck.ts") texts)"
    for ts in "${translations[@]}"; do
        language="$(basename "$ts" .ts)"
        # -no-obsolete: a text the code no longer has is dropped, not kept as "vanished".
        extract "$ts" -no-obsolete -target-language "${language#callcheck_}"
    done
    "$python" packaging/ts_numerus.py mark "$saved" "$out/callcheck.ts" "${translations[@]}"
fi

for ts in "${translations[@]}"; do
    "$lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
    echo "update_translations: ${ts%.ts}.qm"
done
