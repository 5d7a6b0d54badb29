"""Write patches the way `git format-patch` does, from before/after text (for tests only)."""

from __future__ import annotations

import difflib
import hashlib


def format_patch(path: str, old: str | None, new: str | None, subject: str, number: int = 1,
                 total: int = 1, author: str = "A Developer <dev@example.org>") -> str:
    """One mail: headers, message, `---`, diffstat-free separator, the git diff, signature."""
    a = (old or "").splitlines(keepends=True)
    b = (new or "").splitlines(keepends=True)
    body = list(difflib.unified_diff(a, b, "a/" + path if old is not None else "/dev/null",
                                     "b/" + path if new is not None else "/dev/null", n=3))
    sha = hashlib.sha1((subject + path).encode()).hexdigest()
    tag = f"[PATCH {number}/{total}]" if total > 1 else "[PATCH]"
    mode = ""
    if old is None:
        mode = "new file mode 100644\n"
    elif new is None:
        mode = "deleted file mode 100644\n"
    return (f"From {sha} Mon Sep 17 00:00:00 2001\n"
            f"From: {author}\n"
            "Date: Thu, 26 Nov 2026 04:00:00 +0000\n"
            f"Subject: {tag} {subject}\n\n"
            "A test change written for cocolint's test suite.\n\n"
            f"Signed-off-by: {author}\n"
            "---\n"
            f"diff --git a/{path} b/{path}\n{mode}"
            "index 1111111..2222222 100644\n"
            + "".join(body)
            + "-- \n2.39.5\n\n")
