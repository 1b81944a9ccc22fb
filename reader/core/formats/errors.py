"""The failures a person can act on: a password to give, a scan to recognise."""

from __future__ import annotations

from reader.core.document import DocumentError


class PasswordError(DocumentError):
    """The PDF is encrypted: ``wrong`` says whether a password was given and refused."""

    def __init__(self, message: str, wrong: bool) -> None:
        super().__init__(message)
        self.wrong = wrong


class NoTextLayerError(DocumentError):
    """A PDF without a text layer: its ``pages`` can be recognised with OCR (``load_document(..., ocr=True)``)."""

    def __init__(self, message: str, pages: int) -> None:
        super().__init__(message)
        self.pages = pages
