"""Stand-ins for three things Debian 12's Wine 8.0 lacks, for the Wine smoke test ONLY.

Never shipped: packaging/test-packages.sh (part ``windows``) copies them into the throw-away
Wine prefix's C:\\windows\\system32, where a real Windows 10/11 has the genuine ones. Each
fills one gap found by running the installed CallCheck under Wine 8.0 (the messages are Wine's):

- ``ucrtbase.dll``: numpy 2.4's ``_multiarray_umath`` imports the C99 complex accessors
  ``crealf``/``cimagf``/``creal``/``cimag``/``creall``/``cimagl``, which Wine 8.0's ucrtbase
  exports as stubs: "wine: Call from ... to unimplemented function ucrtbase.dll.crealf,
  aborting". The shim implements those six and forwards every other export to Wine's own
  ucrtbase, copied beside it as ``ucrtwine.dll`` (loaded with ``WINEDLLOVERRIDES=ucrtbase=n``).
- ``bcryptprimitives.dll`` (``ProcessPrng``, Rust's standard library's random source since Rust
  1.78): missing in Wine 8.0, so cryptography's Rust extension fails with "ImportError: DLL
  load failed while importing _rust: Module not found."
- ``icuuc.dll``: Qt 6's Windows build uses Windows 10's system ICU for its text converters
  (``ucnv_*`` only); Wine 8.0 has none: "ImportError: DLL load failed while importing QtCore:
  Module not found." The shim has no converters (``ucnv_open`` fails with
  U_FILE_ACCESS_ERROR), so Qt falls back to its built-in UTF-8/UTF-16/Latin-1.

    python wine_shims.py WINE_UCRTBASE_DLL OUT_DIR    # writes the DLLs (x86_64-w64-mingw32-gcc)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pefile  # type: ignore[import-untyped]  # build-only, packaging/build-requirements.txt

CC = "x86_64-w64-mingw32-gcc"
ENTRY = (
    "int __stdcall DllMainCRTStartup(void *h, unsigned long r, void *p)"
    " { (void)h; (void)r; (void)p; return 1; }\n"
)

# MSVC's _Fcomplex is a struct of two floats (8 bytes, passed in a register) and _Dcomplex /
# _Lcomplex two doubles (16 bytes, passed by reference): mingw's gcc uses the same x64 ABI.
UCRT_COMPLEX = """
typedef struct { float v[2]; } fcx;
typedef struct { double v[2]; } dcx;
float shim_crealf(fcx z) { return z.v[0]; }
float shim_cimagf(fcx z) { return z.v[1]; }
double shim_creal(dcx z) { return z.v[0]; }
double shim_cimag(dcx z) { return z.v[1]; }
double shim_creall(dcx z) { return z.v[0]; }
double shim_cimagl(dcx z) { return z.v[1]; }
"""
UCRT_OWN = ("crealf", "cimagf", "creal", "cimag", "creall", "cimagl")

BCRYPTPRIMITIVES = """
#include <windows.h>
#include <bcrypt.h>
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len) {
        ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
"""

ICUUC_FUNCTIONS = (
    "ucnv_close",
    "ucnv_reset",
    "ucnv_getMaxCharSize",
    "ucnv_getName",
    "ucnv_getToUCallBack",
    "ucnv_getFromUCallBack",
    "ucnv_setToUCallBack",
    "ucnv_setFromUCallBack",
    "ucnv_cbToUWriteUChars",
    "ucnv_toUnicode",
    "ucnv_cbFromUWriteUChars",
    "ucnv_toUCountPending",
    "ucnv_fromUCountPending",
    "ucnv_getStandardName",
    "ucnv_getAvailableName",
    "ucnv_countAvailable",
    "ucnv_fromUnicode",
    "UCNV_FROM_U_CALLBACK_SUBSTITUTE",
    "UCNV_TO_U_CALLBACK_SUBSTITUTE",
)
ICUUC = (
    "void *ucnv_open(const char *name, int *err) { (void)name; if (err) *err = 4; return 0; }\n"
    + "".join(f"long long {f}(void) {{ return 0; }}\n" for f in ICUUC_FUNCTIONS)
)


def _dll(out: Path, name: str, source: str, exports: list[str], libs: tuple[str, ...] = ()) -> None:
    c, d = out / f"{name}.c", out / f"{name}.def"
    c.write_text(source + ENTRY)
    d.write_text(f"LIBRARY {name}.dll\nEXPORTS\n" + "".join(f"  {e}\n" for e in exports))
    subprocess.run(
        [
            CC,
            "-O2",
            "-s",
            "-shared",
            "-nostdlib",
            "-Wl,--entry,DllMainCRTStartup",
            "-o",
            str(out / f"{name}.dll"),
            str(c),
            str(d),
            *libs,
        ],
        check=True,
    )


def build(wine_ucrtbase: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    pe = pefile.PE(str(wine_ucrtbase), fast_load=True)
    pe.parse_data_directories(directories=[pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_EXPORT"]])
    names = [s.name.decode() for s in pe.DIRECTORY_ENTRY_EXPORT.symbols if s.name]
    exports = [f"{n}=shim_{n}" if n in UCRT_OWN else f"{n}=ucrtwine.{n}" for n in names]
    _dll(out, "ucrtbase", UCRT_COMPLEX, exports)
    (out / "ucrtwine.dll").write_bytes(wine_ucrtbase.read_bytes())
    _dll(out, "bcryptprimitives", BCRYPTPRIMITIVES, ["ProcessPrng"], ("-lbcrypt",))
    _dll(out, "icuuc", ICUUC, ["ucnv_open", *ICUUC_FUNCTIONS])


if __name__ == "__main__":
    build(Path(sys.argv[1]), Path(sys.argv[2]))
