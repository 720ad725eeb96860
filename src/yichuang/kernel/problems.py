"""Problems the kernel's solvers report, shared so callers handle them one way."""

from __future__ import annotations


class Infeasible(Exception):
    """No solution meets every rule. ``code`` and ``params`` let callers word it in their language;
    ``message`` is a plain English sentence for logs and command-line tools."""

    def __init__(self, code: str, params: dict, message: str):
        super().__init__(message)
        self.code, self.params, self.message = code, params, message
