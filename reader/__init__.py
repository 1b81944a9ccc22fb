"""Gazette: a reader that shows who a text is about, where it happens and who acts in it."""

__version__ = "0.1.0"
APP_ID = "io.github.gazette.Gazette"
APP_NAME = "Gazette"
