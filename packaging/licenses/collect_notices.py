"""Write THIRD_PARTY_NOTICES.txt for the installer bundle (called by packaging/callcheck.spec).

The file has three parts:
1. the component table below — what the bundle ships, under which licence, and our decision
   (packaging/licenses/README.md explains the decisions);
2. the licence files every bundled Python distribution ships in its dist-info (read with
   importlib.metadata from the build environment, so versions are exact);
3. the full texts of the licences that need them (LGPL-3.0, GPL-3.0 for the LGPL's terms,
   Apache-2.0, the Unicode/ICU licence, PortAudio, Opus) from packaging/licenses/texts/, and
   CPython's own LICENSE.

    python packaging/licenses/collect_notices.py OUT_FILE
"""

from __future__ import annotations

import importlib.metadata as md
import sys
import sysconfig
from pathlib import Path

HERE = Path(__file__).resolve().parent

# (component, where in the bundle, licence, decision)
NATIVE_COMPONENTS: list[tuple[str, str, str, str]] = [
    (
        "CPython 3.11 runtime",
        "libpython3.11, python3.11/, base_library.zip",
        "PSF-2.0",
        "permissive; notice below",
    ),
    (
        "Qt 6 (via PySide6-Essentials)",
        "PySide6/Qt/lib, PySide6/Qt/plugins",
        "LGPL-3.0-only",
        "unmodified shared libraries, dynamically linked, in a one-folder bundle so a user can "
        "replace them; LGPL text below; source: Qt's public releases (written offer in README)",
    ),
    (
        "PySide6 / Shiboken6 bindings",
        "PySide6/, shiboken6/",
        "LGPL-3.0-only",
        "as Qt: unmodified, replaceable modules",
    ),
    (
        "ICU 73 (Qt's Unicode library)",
        "PySide6/Qt/lib/libicu*",
        "Unicode-3.0",
        "permissive; on Linux the data library is reduced (non-English display names removed, "
        "packaging/linux/icu_data.py) - modification allowed by the licence",
    ),
    (
        "FFmpeg 8 libraries (via PyAV wheel)",
        "av.libs/libav*, libsw*",
        "LGPL-3.0-or-later",
        "configured --enable-version3 without --enable-gpl/--enable-nonfree; unmodified, "
        "dynamically linked, replaceable; source: FFmpeg release + PyAV's build scripts",
    ),
    (
        "x264, x265 (linked by PyAV's FFmpeg)",
        "NOT SHIPPED on Linux",
        "GPL-2.0-or-later",
        "replaced by do-nothing stubs (packaging/linux/codec_stubs.py); Windows/macOS wheels are "
        "checked in CI (see README)",
    ),
    (
        "SVT-AV1, dav1d, libvpx, libwebp, LAME, opencore-amr, libvpl, libdrm, libxcb, alsa-lib, "
        "GnuTLS (PyAV wheel)",
        "NOT SHIPPED on Linux",
        "various",
        "unused by an audio-only WebRTC client; replaced by stubs for size",
    ),
    ("libopus 1.x", "av.libs/libopus*", "BSD-3-Clause", "permissive; notice below"),
    (
        "OpenBLAS (numpy)",
        "numpy.libs/libscipy_openblas*",
        "BSD-3-Clause",
        "permissive; in numpy's LICENSE.txt below",
    ),
    (
        "libgfortran, libquadmath (numpy)",
        "numpy.libs",
        "GPL-3.0 WITH GCC-exception-3.1",
        "the GCC Runtime Library Exception allows distribution with non-GPL code",
    ),
    (
        "OpenSSL 3 (statically in cryptography, pylibsrtp)",
        "cryptography/, pylibsrtp/",
        "Apache-2.0",
        "permissive; Apache text below",
    ),
    ("libsrtp 2 (in pylibsrtp)", "pylibsrtp/", "BSD-3-Clause", "permissive"),
    (
        "PortAudio 19",
        "Windows/macOS: _sounddevice_data/; Linux: system libportaudio2",
        "MIT",
        "permissive; on Linux not shipped (Debian package dependency)",
    ),
    ("CallCheck codec/ICU stubs", "Linux: av.libs stubs, libicudata", "Apache-2.0", "our own code"),
    (
        "ViSQOL v3 speech mode (visqol-python 3.8.0 by Shan Jiang, port of Google's ViSQOL)",
        "callcheck/engine/visqol/",
        "Apache-2.0",
        "modified copy (SciPy calls done in numpy; changes listed in its README.md); Apache "
        "text below",
    ),
]


def _python_distributions() -> list[md.Distribution]:
    seen: dict[str, md.Distribution] = {}
    for dist in md.distributions():
        name = (dist.metadata["Name"] or "").lower()
        if name and name not in seen:
            seen[name] = dist
    return [seen[n] for n in sorted(seen)]


def _licence_files(dist: md.Distribution) -> list[tuple[str, str]]:
    out = []
    for f in dist.files or []:
        upper = str(f).upper()
        if f.suffix in (".py", ".pyc") or not any(
            k in upper for k in ("LICENSE", "LICENCE", "COPYING", "NOTICE")
        ):
            continue
        try:
            out.append((str(f), Path(dist.locate_file(f)).read_text(errors="replace")))
        except OSError:
            continue
    return out


def write_notices(out_file: Path, bundled: set[str] | None = None) -> None:
    """Write the notices; ``bundled`` (lower-case distribution names) limits part 2."""
    lines = [
        "CallCheck - third-party notices",
        "=" * 78,
        "",
        "CallCheck is Apache-2.0-licensed. This installation bundles the components below. Licence",
        "texts follow. To obtain the source code of the LGPL components (Qt, PySide6, FFmpeg)",
        "in the exact versions shipped, see packaging/licenses/README.md in CallCheck's",
        "source, or ask the CallCheck maintainers (written offer, valid for three years).",
        "",
        "1. Native components",
        "-" * 78,
    ]
    for component, where, licence, decision in NATIVE_COMPONENTS:
        lines += [
            f"* {component}",
            f"    in: {where}",
            f"    licence: {licence}",
            f"    decision: {decision}",
            "",
        ]
    lines += ["2. Python packages", "-" * 78]
    for dist in _python_distributions():
        name = dist.metadata["Name"]
        if bundled is not None and name.lower().replace("_", "-") not in bundled:
            continue
        licence = dist.metadata.get("License-Expression") or dist.metadata.get("License") or "?"
        lines += ["", f"### {name} {dist.version} - {licence.splitlines()[0][:100]}"]
        for path, text in _licence_files(dist):
            lines += [f"--- {path}", text.rstrip(), ""]
    lines += ["", "3. Licence texts", "-" * 78]
    python_licence = Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"
    texts = sorted((HERE / "texts").glob("*.txt"))
    if python_licence.is_file():
        texts.append(python_licence)
    for path in texts:
        name = "CPython LICENSE" if path == python_licence else path.stem
        lines += ["", f"=== {name} ===", path.read_text(errors="replace").rstrip(), ""]
    out_file.parent.mkdir(parents=True, exist_ok=True)
    out_file.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    write_notices(Path(sys.argv[1]))
