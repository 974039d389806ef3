"""One exception family. Every message says what happened and what to do next."""


class AssistantError(Exception):
    """Base class for errors a person can act on."""

    exit_code = 1


class UnsupportedFileError(AssistantError):
    """A file has a type we cannot read, or could not be read at all."""

    exit_code = 3


class IndexMissingError(AssistantError):
    """No index has been built yet at the configured location."""

    exit_code = 4


class IndexMismatchError(AssistantError):
    """The index was built with a different embedder than the one configured."""

    exit_code = 5


class EmbedderUnavailableError(AssistantError):
    """The configured embedding model cannot be loaded."""

    exit_code = 6


class InputError(AssistantError):
    """A question or history file is empty, too long or malformed."""

    exit_code = 2


class ModelUnavailableError(AssistantError):
    """The language model file or server cannot be used."""

    exit_code = 7
