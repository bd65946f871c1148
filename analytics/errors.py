"""One error hierarchy. Errors carry a code and parameters; the UI translates the code.

Pages catch ``OversightError`` only; anything else is a bug and must surface.
"""

from __future__ import annotations

from typing import Any


class OversightError(Exception):
    """Base of every error the product expects and explains to its users."""

    code = "error"

    def __init__(self, code: str | None = None, /, **params: Any) -> None:
        self.code = code or self.code
        self.params = params
        super().__init__(f"{self.code}: {params}" if params else self.code)


class DatabaseError(OversightError):
    """The database file cannot be opened, is too new, or failed to upgrade."""

    code = "db_error"


class SettingError(OversightError):
    """A setting has an unknown key or a value of the wrong kind."""

    code = "setting_invalid"


class ImportRejected(OversightError):
    """An upload had problems; nothing was stored. ``problems`` lists every one."""

    code = "import_rejected"

    def __init__(self, problems: list[Any], /, **params: Any) -> None:
        super().__init__(self.code, count=len(problems), **params)
        self.problems = problems


class NotFound(OversightError):
    """A unit, batch or record named by the user does not exist."""

    code = "not_found"
