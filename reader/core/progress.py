"""A progress bar on a terminal, for ``gazette extract`` of a big text.

It is drawn on stderr only when stderr is a terminal (never into a file or a
pipe), redrawn in place with a carriage return at most a few times a second,
and wiped when the work is done, so that what stays on the terminal is only
what the command prints.
"""

from __future__ import annotations

import time
from typing import TextIO

#: Texts shorter than this are analysed too fast for a bar to mean anything.
MIN_CHARS = 200_000
#: The bar is redrawn at most this often, in seconds.
REDRAW_SECONDS = 0.2
WIDTH = 30


class ProgressBar:
    """``name  [#########.........]  42%  1.3 of 3.2 M characters  0:21 left`` on one terminal line."""

    def __init__(self, stream: TextIO, name: str, total: int) -> None:
        self.stream = stream
        self.name = name if len(name) <= 30 else "…" + name[-29:]
        self.total = max(1, total)
        self.started = time.monotonic()
        self._drawn = 0.0
        self._width = 0

    @classmethod
    def for_terminal(cls, stream: TextIO, name: str, total: int) -> ProgressBar | None:
        """A bar when ``stream`` is a terminal and the text is long enough to wait for; else None."""
        try:
            tty = stream.isatty()
        except (AttributeError, ValueError, OSError):
            tty = False
        return cls(stream, name, total) if tty and total >= MIN_CHARS else None

    def update(self, done: int, stage: str = "") -> None:
        """Show ``done`` of the total (redrawn at most every :data:`REDRAW_SECONDS`)."""
        now = time.monotonic()
        if now - self._drawn < REDRAW_SECONDS and done < self.total:
            return
        self._drawn = now
        self.draw(self.line(done, now, stage))

    def line(self, done: int, now: float, stage: str = "") -> str:
        share = min(1.0, done / self.total)
        filled = round(share * WIDTH)
        line = f"{self.name}  [{'#' * filled}{'.' * (WIDTH - filled)}] {share * 100:3.0f}%"
        line += f"  {done / 1e6:.1f} of {self.total / 1e6:.1f} M characters"
        elapsed = now - self.started
        if stage:
            line += f"  {stage}"
        elif 0 < share < 1 and elapsed > 1:
            left = int(elapsed * (1 - share) / share)
            line += f"  {left // 60}:{left % 60:02d} left"
        return line

    def draw(self, line: str) -> None:
        pad = max(0, self._width - len(line))
        self._width = len(line)
        self.stream.write("\r" + line + " " * pad)
        self.stream.flush()

    def close(self) -> None:
        """Wipe the bar's line."""
        self.stream.write("\r" + " " * self._width + "\r")
        self.stream.flush()
