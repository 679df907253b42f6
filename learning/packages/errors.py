"""The one error type of package import: a Danish (translated) message naming the problem."""


class PackageError(ValueError):
    """Raised while a package is checked; nothing has been stored when it is raised."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message
