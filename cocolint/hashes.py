"""SHA-256 without loading OpenSSL: hashlib's first import costs ~3 ms of every start for a digest CPython has built in."""

try:
    from _sha256 import sha256  # CPython 3.11
except ImportError:  # pragma: no cover - other Python versions and builds
    try:
        from _sha2 import sha256  # type: ignore[import-not-found,no-redef]  # CPython 3.12+
    except ImportError:
        from hashlib import sha256  # type: ignore[assignment]

__all__ = ["sha256"]
