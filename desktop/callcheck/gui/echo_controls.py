"""The parts of "Hear yourself" (issue 16) that the Devices and the Results screens share: the
choice of a simulated network, the Cancel button and the line saying why other checks wait.

The networks are the engine's ``NETWORK_PRESETS`` (``--impair`` specs, one parser for the CLI
and the app); only their names as users read them are here (:data:`texts.ECHO_NETWORKS`).
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QWidget

from callcheck.engine.impairment import NETWORK_PRESETS, ImpairmentSpec
from callcheck.gui import texts

#: The choice when nothing is simulated.
NO_NETWORK: Final = "none"
BLOCKS_STYLE: Final = "color: palette(placeholder-text); font-size: 11px;"


class NetworkPicker(QComboBox):
    """ "Simulate a worse network": one of the engine's named networks (``networkChosen``)."""

    networkChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("echoNetwork")
        names = texts.ECHO_NETWORKS
        for key in NETWORK_PRESETS:
            self.addItem(names.get(key, key), key)
        self.setToolTip(texts.ECHO_NETWORK_TIP)
        self.setAccessibleDescription(texts.ECHO_NETWORK_TIP)
        self.activated.connect(lambda _index: self.networkChosen.emit(self.network()))

    def network(self) -> str:
        """The chosen network's key (``none``: the network as it is)."""
        return str(self.currentData() or NO_NETWORK)

    def setNetwork(self, key: str) -> None:
        """Show ``key`` as chosen (another screen's choice); unknown keys are ignored."""
        index = self.findData(key)
        if index >= 0:
            self.setCurrentIndex(index)


def network_label(picker: NetworkPicker) -> QLabel:
    """The picker's label (its mnemonic focuses the picker)."""
    label = QLabel(texts.ECHO_NETWORK)
    label.setBuddy(picker)
    return label


def cancel_button() -> QPushButton:
    """Cancel for a running echo: shown only while it runs."""
    button = QPushButton(texts.ECHO_CANCEL)
    button.setObjectName("echoCancelButton")
    button.setToolTip(texts.ECHO_CANCEL_TIP)
    button.hide()
    return button


def blocks_label() -> QLabel:
    """Why the other checks wait while the echo runs: shown only then."""
    label = QLabel(texts.ECHO_BLOCKS)
    label.setObjectName("echoBlocks")
    label.setWordWrap(True)
    label.setStyleSheet(BLOCKS_STYLE)
    label.hide()
    return label


def simulated_network_text(key: str, *, each_way: bool = False) -> str:
    """The result's note for a simulated network ("Simulated network: Lossy VPN, with 40 ms
    more delay, 5 % loss in bursts."); "" when none was simulated. ``each_way``: it was on both
    legs (through the reflector), not only on the way back to the user."""
    if not key or key == NO_NETWORK:
        return ""
    spec = ImpairmentSpec.parse(key)
    if spec.is_identity:
        return ""
    words = texts.impairment_words(
        spec.delay_ms, spec.jitter_ms, spec.loss_pct, bursty=spec.burst_packets >= 1
    )
    name = texts.ECHO_NETWORKS.get(key, key)
    template = texts.ECHO_SIMULATED_EACH_WAY if each_way else texts.ECHO_SIMULATED
    return template.format(network=name, impairment=words)
