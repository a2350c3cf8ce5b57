"""The app's persisted settings: an INI file under the user's config directory.

A file Qt cannot read is moved aside and replaced by defaults, with a message for the user
(issue 7: "a corrupt settings file is reported and replaced by defaults").
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from PySide6.QtCore import QSettings

from callcheck.gui.bridge import TestOptions

CODECS: Final = ("opus", "g722", "pcmu", "pcma")
THEMES: Final = ("system", "light", "dark")
MIN_DURATION_S: Final = 5.0
MAX_DURATION_S: Final = 300.0


@dataclass(frozen=True, slots=True)
class AppSettings:
    """What the user chose in Settings."""

    duration_s: float = 20.0
    """Length of a test."""
    codec: str = "opus"
    """Default codec (engine name)."""
    ice_server_urls: tuple[str, ...] = field(default=())
    """STUN/TURN servers."""
    theme: str = "system"
    """``system`` (follow the system's light/dark setting), ``light`` or ``dark``."""
    server_url: str = ""
    """The reflector (``callcheck serve``) for the network test and room codes."""
    server_token: str = ""
    """Bearer token for the reflector, if it asks for one."""
    input_device: str = ""
    """Microphone chosen on the Devices screen (name; empty = the system default)."""
    output_device: str = ""
    """Speaker chosen on the Devices screen (name; empty = the system default)."""

    def test_options(self) -> TestOptions:
        """A loopback test with these settings."""
        return TestOptions(
            mode="loopback",
            duration_s=self.duration_s,
            codec=self.codec,
            ice_server_urls=self.ice_server_urls,
        )


def default_path() -> Path:
    """``settings.ini`` in the user's config directory (platformdirs)."""
    import platformdirs

    return Path(platformdirs.user_config_dir("CallCheck", appauthor=False)) / "settings.ini"


class SettingsStore:
    """Loads and saves :class:`AppSettings` in an INI file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self.problem: str | None = None
        """Set by :meth:`load` when the file was unreadable and defaults were used."""

    def load(self) -> AppSettings:
        """The saved settings, or defaults (setting :attr:`problem` if the file was damaged)."""
        self.problem = None
        qs = QSettings(str(self.path), QSettings.Format.IniFormat)
        if qs.status() != QSettings.Status.NoError:
            self._move_aside()
            return AppSettings()
        defaults = AppSettings()
        try:
            duration = float(str(qs.value("test/duration_s", defaults.duration_s)))
        except ValueError:
            duration = math.nan
        codec = str(qs.value("test/codec", defaults.codec))
        raw_ice = qs.value("network/ice_servers", "")
        ice = tuple(u.strip() for u in str(raw_ice or "").split("\n") if u.strip())
        theme = str(qs.value("appearance/theme", defaults.theme))
        if (
            not (MIN_DURATION_S <= duration <= MAX_DURATION_S)
            or codec not in CODECS
            or theme not in THEMES
        ):
            self._move_aside()
            return defaults
        return AppSettings(
            duration_s=duration,
            codec=codec,
            ice_server_urls=ice,
            theme=theme,
            server_url=str(qs.value("server/url", "") or ""),
            server_token=str(qs.value("server/token", "") or ""),
            input_device=str(qs.value("devices/input", "") or ""),
            output_device=str(qs.value("devices/output", "") or ""),
        )

    def language(self) -> str:
        """``language`` in ``[appearance]``, a locale name (``de``) a helpdesk may set by hand;
        "" for the system's language (see :mod:`callcheck.gui.i18n`). Saving keeps it."""
        qs = QSettings(str(self.path), QSettings.Format.IniFormat)
        if qs.status() != QSettings.Status.NoError:
            return ""
        return str(qs.value("appearance/language", "") or "")

    def save(self, settings: AppSettings) -> None:
        """Write the settings (Qt writes the file when the QSettings object is done)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        qs = QSettings(str(self.path), QSettings.Format.IniFormat)
        qs.setValue("test/duration_s", settings.duration_s)
        qs.setValue("test/codec", settings.codec)
        qs.setValue("network/ice_servers", "\n".join(settings.ice_server_urls))
        qs.setValue("appearance/theme", settings.theme)
        qs.setValue("server/url", settings.server_url)
        qs.setValue("server/token", settings.server_token)
        qs.setValue("devices/input", settings.input_device)
        qs.setValue("devices/output", settings.output_device)
        qs.sync()

    def _move_aside(self) -> None:
        from callcheck.gui import texts

        damaged = self.path.with_suffix(".damaged.ini")
        try:
            self.path.replace(damaged)
        except OSError:
            damaged = self.path
        self.problem = texts.SETTINGS_DAMAGED.format(path=damaged)
