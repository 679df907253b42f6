"""The errors of packages, each with a Danish (translated) message naming the problem: one for
import, one for a SCORM commit."""


class PackageError(ValueError):
    """Raised while a package is checked; nothing has been stored when it is raised."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class CommitRefused(Exception):
    """A SCORM commit cannot be taken (HTTP ``status``); nothing was stored."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message
