"""Errors the user is meant to read. Their message is one clear Vietnamese sentence."""


class UserError(Exception):
    """Bad input or an impossible request; the message is shown to the user as is.

    Raised by the core wherever the cause is something the officer can fix (a wrong date, a damaged file);
    the command line prints it as one line and exits 1, the GUI shows it in a message box.
    """

    exit_status = 1

    def __init__(self, message: str, *, detail: str = ""):
        super().__init__(message)
        self.message = message
        self.detail = detail


class UsageError(UserError):
    """The command was called with wrong arguments (exit status 2)."""

    exit_status = 2
