"""Print a parse-health survey: the worst files and the totals, as text or one JSON object."""

from __future__ import annotations

import json
from typing import TextIO

from cocolint.kernelc.survey import Totals


def render_text(totals: Totals, out: TextIO, top: int) -> None:
    """Worst files first, then one line per total."""
    worst = totals.worst_files(top)
    if worst:
        print(f"worst {len(worst)} files by share of bytes in ERROR nodes:", file=out)
        for h in worst:
            print(f"  {h.error_ratio * 100:6.2f}%  {h.error_bytes:>9} B  {h.path}", file=out)
    d = totals.to_dict()
    files = d["files"] or 1
    print(f"files: {d['files']}, with ERROR/MISSING nodes: {d['files_with_errors']} "
          f"({100 * d['files_with_errors'] / files:.2f}%)", file=out)
    print(f"bytes in ERROR nodes: {d['error_bytes']} of {d['total_bytes']} "
          f"({100 * d['error_bytes_ratio']:.3f}%)", file=out)
    print(f"function definitions recovered: {d['function_definitions_recovered']}, "
          f"not recovered: {d['functions_not_recovered']}", file=out)
    print(f"bytes rewritten by macro normalisation: {d['rewritten_bytes']}; "
          f"#if directives and assembler arms blanked: {d['conditional_bytes']}; "
          f"read in other #if views: {d['alternate_view_bytes']}", file=out)
    if d["not_c_files"]:
        print(f"not C (assembler, linker script), counted apart: {d['not_c_files']} files, {d['not_c_bytes']} bytes, "
              f"{d['not_c_error_bytes']} in ERROR nodes; all files together: "
              f"{100 * d['error_bytes_ratio_all_files']:.3f}% of bytes in ERROR nodes", file=out)
    if d["failed"]:
        print(f"files not measured: {d['failed']}", file=out)


def render_json(totals: Totals, out: TextIO, top: int) -> None:
    """One JSON object: totals and the worst files."""
    obj = {"totals": totals.to_dict(), "worst": [h.to_dict() for h in totals.worst_files(top)]}
    json.dump(obj, out, indent=2)
    out.write("\n")
