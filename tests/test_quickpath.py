"""cocolint.quickpath: pathlib comes without urllib.parse, and Path.as_uri and urllib.parse still work."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_importing_cocolint_loads_pathlib_but_not_urllib_parse() -> None:
    # -S: no site, so nothing but cocolint imports pathlib (an editable install's finder would)
    code = (
        "import sys\n"
        f"sys.path.insert(0, {str(REPO)!r})\n"
        "import cocolint\n"
        "print('pathlib' in sys.modules, 'urllib.parse' in sys.modules, 'ipaddress' in sys.modules)\n"
        "from pathlib import Path\n"
        "print(Path('/tmp/a b%c').as_uri(), Path('/x').as_uri())\n"
        "import urllib.parse\n"
        "print(urllib.parse.quote('a b'), urllib.parse.urlsplit('file:///x/y').path, hasattr(urllib.parse, 'urljoin'))\n"
    )
    out = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, check=True)
    lines = out.stdout.splitlines()
    assert lines[0] == "True False False"  # (3.13+: pathlib imports it in as_uri by itself)
    assert lines[1] == "file:///tmp/a%20b%25c file:///x"
    assert lines[2] == "a%20b /x/y True"


def test_an_already_imported_pathlib_is_left_alone() -> None:
    from cocolint import quickpath

    import pathlib

    before = sys.modules["pathlib"]
    quickpath.import_pathlib()
    assert sys.modules["pathlib"] is before is pathlib
    parse = sys.modules.get("urllib.parse")
    assert parse is None or hasattr(parse, "urlsplit")  # never the stand-in
