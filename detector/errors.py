"""Errors a user can act on. The CLI prints them as one line and exits with ``exit_code``."""

from __future__ import annotations


class FramingError(Exception):
    """A usage, input or configuration error (exit code 2)."""

    exit_code = 2
    kind = "error"

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        super().__init__(self.render())

    def render(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class InputError(FramingError):
    """A document cannot be read or decoded."""

    kind = "input"


class LanguageError(FramingError):
    """The document's language is not supported."""

    kind = "language"


class RuleError(FramingError):
    """A rule file or configuration is invalid."""

    kind = "rules"


class ModelError(FramingError):
    """A model file is missing, corrupted or foreign."""

    kind = "model"
