"""The current user's Windows registry (``HKEY_CURRENT_USER``) behind a small interface.

Two features read or write it (issue 18): the "at login" entry (a ``...\\CurrentVersion\\Run``
value, :mod:`callcheck.engine.autostart`) and "is a call app using the microphone" (the privacy
settings' ``CapabilityAccessManager\\ConsentStore``, :mod:`callcheck.engine.mic_busy`). Both take
a :class:`UserRegistry`: :class:`WinUserRegistry` on Windows (``winreg``, imported only there),
:class:`MemoryRegistry` elsewhere and in the tests, so the Windows logic is tested on Linux.

Paths are relative to ``HKEY_CURRENT_USER`` and use backslashes, as Windows writes them.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any, Protocol

__all__ = ["MemoryRegistry", "UserRegistry", "WinUserRegistry"]


class UserRegistry(Protocol):
    """What the app needs of ``HKEY_CURRENT_USER``: list subkeys, read, write and delete a
    value. A missing key or value is ``None`` / an empty list, never an error."""

    def subkeys(self, path: str) -> list[str]:
        """Names of the direct subkeys of ``path`` ([] when ``path`` does not exist)."""

    def value(self, path: str, name: str) -> object | None:
        """The data of value ``name`` under ``path`` (``int`` for DWORD/QWORD, ``str`` for
        strings), or ``None``."""

    def set_string(self, path: str, name: str, data: str) -> None:
        """Write a string value (creating the key)."""

    def delete_value(self, path: str, name: str) -> None:
        """Remove a value; nothing happens when it is not there."""


class MemoryRegistry:
    """A registry in a dict: ``{key path: {value name: data}}`` (subkeys follow from the paths).

    The fake of :class:`UserRegistry` the tests (and non-Windows callers) use. Like the real
    one, names keep their case but are looked up case-blind, and missing keys and values are
    ``None`` / [].
    """

    def __init__(self, keys: Mapping[str, Mapping[str, object]] | None = None) -> None:
        self.keys: dict[str, dict[str, object]] = {}
        for path, values in (keys or {}).items():
            for name, data in values.items():
                self._set(path, name, data)

    def _key(self, path: str) -> dict[str, object] | None:
        wanted = _fold(path)
        return next((v for k, v in self.keys.items() if _fold(k) == wanted), None)

    def _set(self, path: str, name: str, data: object) -> None:
        key = self._key(path)
        if key is None:
            key = self.keys[path.strip("\\")] = {}
        self._drop(key, name)
        key[name] = data

    @staticmethod
    def _drop(key: dict[str, object], name: str) -> None:
        for existing in [n for n in key if n.lower() == name.lower()]:
            del key[existing]

    def subkeys(self, path: str) -> list[str]:
        prefix = _fold(path) + "\\"
        names = {
            k.strip("\\")[len(prefix) :].split("\\", 1)[0]
            for k in self.keys
            if _fold(k).startswith(prefix)
        }
        return sorted(names, key=str.lower)

    def value(self, path: str, name: str) -> object | None:
        key = self._key(path) or {}
        return next((v for n, v in key.items() if n.lower() == name.lower()), None)

    def set_string(self, path: str, name: str, data: str) -> None:
        self._set(path, name, data)

    def delete_value(self, path: str, name: str) -> None:
        key = self._key(path)
        if key is not None:
            self._drop(key, name)


def _fold(path: str) -> str:
    # Registry key and value names are case-blind.
    return path.strip("\\").lower()


class WinUserRegistry:
    """:class:`UserRegistry` on the real ``HKEY_CURRENT_USER`` (Windows only)."""

    def __init__(self) -> None:
        # Imported by name: the module exists only on Windows, and mypy checks on Linux.
        self._winreg: Any = importlib.import_module("winreg")

    def subkeys(self, path: str) -> list[str]:
        winreg = self._winreg
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, path) as key:
                count = winreg.QueryInfoKey(key)[0]
                return [winreg.EnumKey(key, i) for i in range(count)]
        except OSError:
            return []

    def value(self, path: str, name: str) -> object | None:
        winreg = self._winreg
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, path) as key:
                data, _kind = winreg.QueryValueEx(key, name)
        except OSError:
            return None
        result: object = data
        return result

    def set_string(self, path: str, name: str, data: str) -> None:
        winreg = self._winreg
        with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, path, 0, winreg.KEY_SET_VALUE) as key:
            winreg.SetValueEx(key, name, 0, winreg.REG_SZ, data)

    def delete_value(self, path: str, name: str) -> None:
        winreg = self._winreg
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, path, 0, winreg.KEY_SET_VALUE) as key:
                winreg.DeleteValue(key, name)
        except FileNotFoundError:
            pass
