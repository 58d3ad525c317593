"""Errors a user can act on. The CLI prints their message and exits with status 2."""


class DipreaderError(Exception):
    """Something the user must fix (a bad path, an unknown id, a corrupt file)."""
