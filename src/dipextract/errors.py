"""Exceptions the library raises; the CLI turns them into `error: <path>: <reason>` lines and exit codes."""

from __future__ import annotations


class DipextractError(Exception):
    """Base of every error dipextract raises on purpose."""


class InputError(DipextractError):
    """One input cannot be read as an article (binary, undecodable, too large, missing); the batch goes on."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # Keeps the two-argument constructor working when the error crosses a process boundary.
        return (type(self), (self.path, self.reason))


class ModelError(DipextractError):
    """The analysis models cannot be loaded or run at all; no input can be processed."""
