"""Where rich output goes: answers to stdout, progress and diagnostics to stderr."""

from __future__ import annotations

import os
import sys


def stdout_console():
    """A console for answers: the terminal's own width, or $COLUMNS (default 160) when piped."""
    from rich.console import Console

    if sys.stdout.isatty():
        return Console()
    return Console(width=int(os.environ.get("COLUMNS", 160)))


def stderr_console():
    """A console for progress and diagnostics."""
    from rich.console import Console

    return Console(stderr=True)
