"""The message strip above the article: errors and notices, never modal."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from reader.ui.icons import icon
from reader.ui.theme import LIGHT, Theme

ICONS = {"error": "mdi6.alert-circle", "info": "mdi6.information"}


class Banner(QFrame):
    """Shows one message as plain text, with a level (``"error"`` or ``"info"``) and a close button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.theme = LIGHT
        self.icon = QLabel(self)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton(self)
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Dismiss")
        self.close_button.clicked.connect(self.hide)
        #: An optional button that does what the message offers ("Recognise with OCR").
        self.action_button = QPushButton(self)
        self.action_button.clicked.connect(self._act)
        self.action_button.hide()
        self._action: Callable[[], None] | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(self.close_button)
        self.level = "info"
        self.hide()

    def show_message(
        self, message: str, level: str = "error", action: tuple[str, Callable[[], None]] | None = None
    ) -> None:
        """Show ``message``; ``action`` (a button's text and what it does) adds a button that also dismisses it."""
        self.level = level
        self._action = action[1] if action else None
        self.action_button.setText(action[0] if action else "")
        self.action_button.setVisible(action is not None)
        self.label.setText(message)
        self.refresh_style()
        self.show()

    def _act(self) -> None:
        action, self._action = self._action, None
        self.hide()
        if action is not None:
            action()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        if self.isVisible():
            self.refresh_style()

    def refresh_style(self) -> None:
        colours = self.theme.banner(self.level)
        bg, fg, edge = colours.background.name(), colours.text.name(), colours.edge.name()
        self.setStyleSheet(
            f"QFrame#banner {{ background: {bg}; border-bottom: 1px solid {edge}; }}"
            f"QFrame#banner QLabel {{ color: {fg}; }}"
        )
        self.icon.setPixmap(icon(ICONS.get(self.level, ICONS["info"]), fg).pixmap(18, 18))
        self.close_button.setIcon(icon("mdi6.close", fg))
