"""The project's own exceptions: each carries a sentence a person understands."""


class RekindleError(Exception):
    """Base of every error shown to a person, at the edge, as its message."""


class ImageReadError(RekindleError):
    """An image file could not be read."""


class ImageWriteError(RekindleError):
    """An image file could not be written."""


class ModelFileError(RekindleError):
    """A file is not a model Rekindle can load."""


class DeviceError(RekindleError):
    """A requested compute device is not available."""


class Cancelled(RekindleError):
    """Work stopped because the person asked it to."""

    def __init__(self, message: str = "cancelled") -> None:
        super().__init__(message)
