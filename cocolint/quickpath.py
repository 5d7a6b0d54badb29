"""pathlib imported without urllib.parse: on Python 3.11 and 3.12 pathlib loads it (and ipaddress) for Path.as_uri alone.

That import costs a one-file check ~4 ms of its start.  While pathlib is first imported a
stand-in `urllib.parse` module is registered whose one attribute, quote_from_bytes, imports
the real module when it is called (Path.as_uri in SARIF output) and calls it; the stand-in is
removed as soon as pathlib holds that function, so any later `import urllib.parse` gets the
real module.  When pathlib is already imported (or urllib.parse is), nothing is done.  Python
3.13 and later import urllib.parse inside as_uri themselves.
"""

import sys


def _quote_from_bytes(bs, safe="/"):  # type: ignore[no-untyped-def]
    from urllib.parse import quote_from_bytes  # the real module (the stand-in is gone by now)

    return quote_from_bytes(bs, safe)


def import_pathlib() -> None:
    """Import pathlib (once per process) without loading urllib.parse."""
    if "pathlib" in sys.modules or "urllib.parse" in sys.modules or sys.version_info >= (3, 13):
        __import__("pathlib")  # nothing to avoid
        return
    import types
    import urllib

    stand_in = types.ModuleType("urllib.parse", "stands in for urllib.parse while pathlib imports")
    stand_in.quote_from_bytes = _quote_from_bytes  # type: ignore[attr-defined]
    sys.modules["urllib.parse"] = stand_in
    try:
        __import__("pathlib")
    except ImportError:
        pass  # pathlib wants more of it: imported the ordinary way below
    finally:
        if sys.modules.get("urllib.parse") is stand_in:
            del sys.modules["urllib.parse"]
        if getattr(urllib, "parse", None) is stand_in:
            del urllib.parse  # type: ignore[attr-defined]
    if "pathlib" not in sys.modules:
        __import__("pathlib")
