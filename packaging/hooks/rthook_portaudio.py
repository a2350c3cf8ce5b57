# PyInstaller runtime hook: make sounddevice load the PortAudio this bundle ships.
#
# sounddevice looks for PortAudio with ctypes.util.find_library("portaudio") first and only falls
# back to its own _sounddevice_data copy on Windows/macOS when that fails. In a frozen app that
# order is wrong: a stray PortAudio (Homebrew, an ASIO build, an old DLL on PATH) would win over
# the one we tested. So when the bundle carries PortAudio, answer find_library("portaudio") with
# its path. On Linux the bundle ships none on purpose (the .deb depends on Debian's libportaudio2,
# see packaging/README.md), and the normal lookup is left alone.
import ctypes.util
import os
import sys


def _bundled_portaudio() -> str | None:
    base = getattr(sys, "_MEIPASS", None)
    if base is None:
        return None
    folder = os.path.join(base, "_sounddevice_data", "portaudio-binaries")
    if sys.platform == "darwin":
        names = ["libportaudio.dylib"]
    elif sys.platform == "win32":
        names = ["libportaudio64bit.dll", "libportaudioarm64.dll", "libportaudio32bit.dll"]
        if "SD_ENABLE_ASIO" in os.environ:
            names = [n.replace(".dll", "-asio.dll") for n in names] + names
    else:
        folder = base
        names = ["libportaudio.so.2"]
    for name in names:
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            return path
    return None


_path = _bundled_portaudio()
if _path is not None:
    _original_find_library = ctypes.util.find_library

    def _find_library(name: str) -> str | None:
        if name == "portaudio":
            return _path
        return _original_find_library(name)

    ctypes.util.find_library = _find_library
