"""Errors the command line reports without a traceback, each with its documented exit code.

Exit codes (DESIGN §6): 0 ok or conformant, 1 non-conformant or mismatch, 2 usage error,
3 runtime error (unreadable or malformed file, endpoint failure).
"""

EXIT_OK = 0
EXIT_NONCONFORMANT = 1
EXIT_USAGE = 2
EXIT_RUNTIME = 3


class NormkgError(Exception):
    """Base class: a message for the user and the exit code that goes with it."""

    exit_code = EXIT_RUNTIME


class UsageError(NormkgError):
    """The user asked for something that does not exist or gave a malformed value."""

    exit_code = EXIT_USAGE


class SourceError(NormkgError):
    """A source file is unreadable or malformed; the message names file:line:col."""

    exit_code = EXIT_RUNTIME


class OutputError(NormkgError):
    """An output file or folder cannot be written."""

    exit_code = EXIT_RUNTIME


class EndpointError(NormkgError):
    """A SPARQL endpoint failed or refused a request."""

    exit_code = EXIT_RUNTIME
