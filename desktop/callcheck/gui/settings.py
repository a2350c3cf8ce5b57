"""The app's persisted settings: an INI file under the user's config directory.

A file Qt cannot read is moved aside and replaced by defaults, with a message for the user
(issue 7: "a corrupt settings file is reported and replaced by defaults").

The server token is a secret: it never goes into ``settings.ini`` (issue 16). It lives in the
system keychain through ``keyring`` where one exists (Windows Credential Manager, macOS
Keychain, Secret Service); without one, in a file beside the settings that only the user may
read (0600), and the log says so once. A token found in an older ``settings.ini`` is moved
there on the first load.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import QByteArray, QSettings

from callcheck.engine.managed_config import ManagedConfig
from callcheck.gui.bridge import TestOptions

logger = logging.getLogger(__name__)

CODECS: Final = ("opus", "g722", "pcmu", "pcma")
#: The keychain entry of the server token (service, user name).
KEYRING_SERVICE: Final = "CallCheck"
KEYRING_USER: Final = "server-token"
#: Permissions of the fallback token file: the user may read and write it, nobody else.
TOKEN_FILE_MODE: Final = 0o600
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
    language: str = ""
    """The app's language, a locale name (``de``, ``en``); "" follows the system's
    (:mod:`callcheck.gui.i18n`)."""
    server_url: str = ""
    """The reflector (``callcheck serve``) for the network test and room codes."""
    server_token: str = ""
    """Bearer token for the reflector, if it asks for one."""
    input_device: str = ""
    """Microphone chosen on the Devices screen (name; empty = the system default)."""
    output_device: str = ""
    """Speaker chosen on the Devices screen (name; empty = the system default)."""
    schedule_every_h: float = 0.0
    """Tray: a short test every N hours while logged in (0 = off, the default; issue 18)."""
    schedule_at_login: bool = False
    """Tray: a short test after login."""
    upload: bool = False
    """Send every result to the server's fleet collection (``server_url``)."""

    def test_options(self) -> TestOptions:
        """A loopback test with these settings."""
        return TestOptions(
            mode="loopback",
            duration_s=self.duration_s,
            codec=self.codec,
            ice_server_urls=self.ice_server_urls,
        )


#: The managed keys the user's own settings have (``fleet_token`` is the admin's only).
MANAGED_SETTINGS: Final = (
    "server_url",
    "server_token",
    "upload",
    "schedule_every_h",
    "schedule_at_login",
)


def apply_managed(settings: AppSettings, managed: ManagedConfig) -> AppSettings:
    """The settings in effect: the admin's value where it is locked, and the admin's preset
    where the user kept the default (issue 18, "Managed settings")."""
    defaults = AppSettings()
    changes: dict[str, Any] = {}
    for key in MANAGED_SETTINGS:
        value = getattr(managed, key)
        if value is None:
            continue
        if managed.is_locked(key) or getattr(settings, key) == getattr(defaults, key):
            changes[key] = value
    return replace(settings, **changes) if changes else settings


def _flag(value: object) -> bool:
    """An INI boolean as QSettings returns it (``"true"`` after a round trip)."""
    return value is True or str(value).strip().lower() in ("true", "1", "yes")


def _hours(value: object) -> float:
    """Hours between scheduled tests; anything unreadable is "off" (0)."""
    try:
        hours = float(str(value))
    except ValueError:
        return 0.0
    return hours if math.isfinite(hours) and 0 <= hours <= 24 * 7 else 0.0


def default_path() -> Path:
    """``settings.ini`` in the user's config directory (platformdirs)."""
    import platformdirs

    return Path(platformdirs.user_config_dir("CallCheck", appauthor=False)) / "settings.ini"


class SecretStore:
    """The server token: in the system keychain (``keyring``) where one exists, else in a
    file only the user can read. ``use_keyring=False`` forces the file (tests)."""

    def __init__(self, fallback_path: Path, *, use_keyring: bool = True) -> None:
        self.fallback_path = fallback_path
        # CALLCHECK_NO_KEYRING=1: never the user's keychain (the test suite sets it).
        use_keyring = use_keyring and not os.environ.get("CALLCHECK_NO_KEYRING")
        self._keyring = _system_keyring() if use_keyring else None
        self._logged = False

    @property
    def in_keychain(self) -> bool:
        """Whether the token goes to the system keychain."""
        return self._keyring is not None

    def get(self) -> str:
        """The stored token, "" when there is none."""
        if self._keyring is not None:
            try:
                return str(self._keyring.get_password(KEYRING_SERVICE, KEYRING_USER) or "")
            except Exception:  # any keyring backend error: fall back to the file
                logger.warning("the system keychain could not be read; using the token file")
        try:
            return self.fallback_path.read_text(encoding="utf-8").strip()
        except OSError:
            return ""

    def set(self, token: str) -> None:
        """Store ``token`` ("" deletes it)."""
        if self._keyring is not None:
            try:
                if token:
                    self._keyring.set_password(KEYRING_SERVICE, KEYRING_USER, token)
                else:
                    with contextlib.suppress(Exception):  # nothing stored: nothing to delete
                        self._keyring.delete_password(KEYRING_SERVICE, KEYRING_USER)
                with contextlib.suppress(OSError):
                    self.fallback_path.unlink()
                return
            except Exception:  # a locked or broken keychain: the file rather than nothing
                logger.warning("the system keychain refused the token; using the token file")
        if not token:
            with contextlib.suppress(OSError):
                self.fallback_path.unlink()
            return
        if not self._logged:
            # Said once, clearly, and without the token: where the secret is kept.
            logger.warning(
                "no system keychain: the server token is kept in %s, readable only by you",
                self.fallback_path,
            )
            self._logged = True
        self.fallback_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.fallback_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, TOKEN_FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(token)
        os.chmod(self.fallback_path, TOKEN_FILE_MODE)  # an existing file keeps its old mode


def _system_keyring() -> Any:
    """The ``keyring`` backend when it is a real keychain; None without ``keyring`` or with
    only its "fail" / "null" backends (priority ≤ 0, e.g. a headless Linux)."""
    try:
        import keyring
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
        priority = float(getattr(backend, "priority", 0))
    except Exception:
        return None
    return backend if priority > 0 else None


class SettingsStore:
    """Loads and saves :class:`AppSettings` in an INI file (the token in :class:`SecretStore`)."""

    def __init__(self, path: Path | None = None, *, secrets: SecretStore | None = None) -> None:
        self.path = path or default_path()
        self.secrets = secrets or SecretStore(self.path.with_name("server-token"))
        self.problem: str | None = None
        """Set by :meth:`load` when the file was unreadable and defaults were used."""

    def window_state(self) -> tuple[QByteArray | None, str]:
        """The saved window geometry (``QWidget.saveGeometry``) and the last test type."""
        qs = QSettings(str(self.path), QSettings.Format.IniFormat)
        geometry = qs.value("window/geometry")
        mode = str(qs.value("window/last_mode", "") or "")
        return (geometry if isinstance(geometry, QByteArray) else None), mode

    def save_window_state(self, geometry: QByteArray, mode: str) -> None:
        """Remember the window's geometry and the last test type for the next start."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        qs = QSettings(str(self.path), QSettings.Format.IniFormat)
        qs.setValue("window/geometry", geometry)
        qs.setValue("window/last_mode", mode)
        qs.sync()

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
            language=self.language(),
            server_url=str(qs.value("server/url", "") or ""),
            server_token=self._token(qs),
            input_device=str(qs.value("devices/input", "") or ""),
            output_device=str(qs.value("devices/output", "") or ""),
            schedule_every_h=_hours(qs.value("schedule/every_h", 0.0)),
            schedule_at_login=_flag(qs.value("schedule/at_login", False)),
            upload=_flag(qs.value("fleet/upload", False)),
        )

    def language(self) -> str:
        """``language`` in ``[appearance]``, a locale name (``de``) a helpdesk may set by hand;
        "" for the system's language (see :mod:`callcheck.gui.i18n`). Read before the window
        exists, to install the translation first."""
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
        qs.setValue("appearance/language", settings.language)
        qs.setValue("server/url", settings.server_url)
        self.secrets.set(settings.server_token)
        qs.remove("server/token")
        qs.setValue("devices/input", settings.input_device)
        qs.setValue("devices/output", settings.output_device)
        qs.setValue("schedule/every_h", settings.schedule_every_h)
        qs.setValue("schedule/at_login", settings.schedule_at_login)
        qs.setValue("fleet/upload", settings.upload)
        qs.sync()

    def _token(self, qs: QSettings) -> str:
        """The token from the secret store; one left in plain text by an older version is
        moved there and removed from the file."""
        plain = str(qs.value("server/token", "") or "")
        if plain:
            self.secrets.set(plain)
            qs.remove("server/token")
            qs.sync()
            return plain
        return self.secrets.get()

    def _move_aside(self) -> None:
        from callcheck.gui import texts

        damaged = self.path.with_suffix(".damaged.ini")
        try:
            self.path.replace(damaged)
        except OSError:
            damaged = self.path
        self.problem = texts.SETTINGS_DAMAGED.format(path=damaged)
