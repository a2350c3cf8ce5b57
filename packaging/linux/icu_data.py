"""Build a smaller ICU data library for the Linux bundle (Qt's libicudata: 31 MB → 16 MB).

PySide6's Qt links ICU 73, whose data library carries CLDR display names for every locale
(language, region, currency, unit, time-zone names), spell-out rules and transliterators. Qt uses
its own CLDR tables for QLocale; CallCheck's texts are English. We keep everything Qt reaches
(collation for all locales, converters, break iterators, normalization, the top-level locale data,
and the English/root display names) and drop the other locales' display-name, spell-out and
transliteration trees. The kept items form a valid ICU common data package (icupkg checks the
dependencies), linked into a library with the same soname exporting ``icudt73_dat``.

Needs ``icupkg`` (Debian: icu-devtools) and ``cc``. Usage (the spec calls
:func:`build_reduced_icudata`)::

    python icu_data.py LIBICUDATA OUT_DIR
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

DROPPED_TREES = ("lang", "region", "curr", "unit", "zone", "rbnf", "translit")
"""ICU data trees whose non-English items are dropped."""

KEPT_ITEM = re.compile(r"^(root|en|en_001|en_US|en_US_POSIX|en_GB|res_index|pool)\.res$")
"""Items kept in every dropped tree: the fallback chain of English and ICU's indexes."""


def _symbol(library: Path, name: str) -> tuple[int, int]:
    """(virtual address, size) of the dynamic symbol ``name``."""
    out = subprocess.run(
        ["nm", "-D", "-S", str(library)], capture_output=True, text=True, check=True
    )
    for line in out.stdout.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[3] == name:
            return int(parts[0], 16), int(parts[1], 16)
    raise LookupError(f"{library}: no symbol {name}")


def _file_offset(library: Path, address: int) -> int:
    out = subprocess.run(
        ["readelf", "-S", "-W", str(library)], capture_output=True, text=True, check=True
    )
    for m in re.finditer(
        r"\]\s+\S+\s+\S+\s+([0-9a-f]{8,})\s+([0-9a-f]+)\s+([0-9a-f]+)", out.stdout
    ):
        addr, off, size = (int(g, 16) for g in m.groups())
        if addr <= address < addr + size:
            return address - addr + off
    raise LookupError(f"{library}: address {address:#x} is in no section")


def build_reduced_icudata(libicudata: Path, out_dir: Path) -> Path | None:
    """Write a reduced copy of ``libicudata`` into ``out_dir``; None if the tools are missing."""
    if shutil.which("icupkg") is None or shutil.which("cc") is None:
        print("icu_data: icupkg or cc missing; shipping the full ICU data", file=sys.stderr)
        return None
    out_dir.mkdir(parents=True, exist_ok=True)
    soname = libicudata.name  # libicudata.so.73
    major = soname.rsplit(".", 1)[-1]
    package = f"icudt{major}l"  # little-endian common data, named as the library expects
    address, size = _symbol(libicudata, f"{package[:-1]}_dat")
    with libicudata.open("rb") as f:
        f.seek(_file_offset(libicudata, address))
        blob = f.read(size)
    full = out_dir / "full" / f"{package}.dat"
    full.parent.mkdir(exist_ok=True)
    full.write_bytes(blob)
    items = subprocess.run(
        ["icupkg", "-l", str(full)], capture_output=True, text=True, check=True
    ).stdout.split()
    dropped = [
        item
        for item in items
        if "/" in item
        and item.split("/")[0] in DROPPED_TREES
        and not KEPT_ITEM.match(item.split("/", 1)[1])
    ]
    (out_dir / "dropped.txt").write_text("".join(f"{i}\n" for i in dropped))
    reduced = out_dir / f"{package}.dat"
    subprocess.run(
        ["icupkg", "-r", str(out_dir / "dropped.txt"), str(full), str(reduced)], check=True
    )
    asm = out_dir / "icudata.S"
    asm.write_text(
        "    .section .rodata\n"
        f"    .globl {package[:-1]}_dat\n"
        f"    .type {package[:-1]}_dat, @object\n"
        "    .balign 16\n"
        f"{package[:-1]}_dat:\n"
        f'    .incbin "{reduced}"\n'
        f"    .size {package[:-1]}_dat, . - {package[:-1]}_dat\n"
        '    .section .note.GNU-stack,"",@progbits\n'
    )
    target = out_dir / soname
    subprocess.run(
        ["cc", "-shared", f"-Wl,-soname,{soname}", "-o", str(target), str(asm)], check=True
    )
    return target


if __name__ == "__main__":
    result = build_reduced_icudata(Path(sys.argv[1]), Path(sys.argv[2]))
    print(result, result.stat().st_size if result else "")
