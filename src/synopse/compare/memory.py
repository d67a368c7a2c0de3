"""Handing memory freed between compare stages back to the operating system.

A large story's stages allocate and free hundreds of MiB of temporary arrays and
Python objects. glibc keeps freed heap memory resident (and raises its threshold for
mapping large blocks separately as they are freed), so the resident set of a long
comparison grows with garbage the next stage may never reuse; ``malloc_trim`` gives
those pages back. Elsewhere (macOS, Windows, musl) this is a no-op.
"""

from __future__ import annotations

import ctypes
import functools
import sys
from collections.abc import Callable


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return None
    trim: Callable[[int], int] | None = getattr(libc, "malloc_trim", None)
    return trim


def release_memory() -> None:
    """Return the C heap's free pages to the operating system (glibc only).

    Results never depend on it; it only lowers the resident set between stages.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
