"""Give freed memory back to the system.

onnxruntime's and spaCy's working buffers are freed after each letter, but glibc keeps them in
the heaps of the threads that used them, for the life of the process: about 33 MB a web process
after one letter, more in the worker after a few (bench/memory). `malloc_trim` returns them; it
takes well under a millisecond. Elsewhere than glibc it does nothing.
"""

import ctypes
import ctypes.util


def _load_trim():
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


_malloc_trim = _load_trim()


def give_back() -> None:
    if _malloc_trim is not None:
        _malloc_trim(0)
