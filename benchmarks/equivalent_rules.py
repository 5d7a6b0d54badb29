"""The shipped coco rules written for semgrep, ast-grep and Coccinelle, for side-by-side timing."""

from __future__ import annotations

from pathlib import Path

BOUNDARY = "ms_hyperv.shared_gpa_boundary"
HV_CALLS = ["hv_is_isolation_supported", "hv_isolation_type_snp", "hv_isolation_type_en_snp",
            "hv_isolation_type_tdx", "hv_get_isolation_type"]
HV_ARGS = ["hv_set_mem_host_visibility", "hv_mark_gpa_visibility"]
ARITH = ["$X | B", "$X |= B", "$X + B", "$X += B", "$X - B", "$X -= B", "$X ^ B", "$X ^= B",
         "$X & ~B", "$X &= ~B", "B >> $S", "PFN_DOWN(B)", "HVPFN_DOWN(B)"]


def _semgrep() -> str:
    arith = "\n".join(f"      - pattern: {p.replace('B', BOUNDARY)}" for p in ARITH)
    calls = "\n".join(f"      - pattern: {c}()" for c in HV_CALLS) + "\n" + \
        "\n".join(f"      - pattern: {c}(...)" for c in HV_ARGS)
    return f"""rules:
  - id: vtom-boundary-applied-by-hand
    languages: [c]
    severity: ERROR
    message: vTOM bit applied by hand
    pattern-either:
{arith}
  - id: shared-gpa-boundary-direct-use
    languages: [c]
    severity: WARNING
    message: direct use of the vTOM boundary
    patterns:
      - pattern: {BOUNDARY}
      - pattern-not-inside: {BOUNDARY} = $R
      - pattern-not-inside: cc_set_mask(...)
      - pattern-not-inside: physical_mask &= $E
  - id: hyperv-check-in-set-memory-path
    languages: [c]
    severity: ERROR
    message: Hyper-V special case in generic memory-encryption code
    pattern-either:
{calls}
"""


def _ast_grep() -> str:
    docs = []
    for i, p in enumerate(ARITH):
        docs.append(f"id: vtom-{i}\nlanguage: c\nseverity: error\nmessage: vTOM bit applied by hand\n"
                    f"rule:\n  pattern: {p.replace('B', BOUNDARY).replace('$S', '$SHIFT')}\n")
    docs.append(f"id: boundary-use\nlanguage: c\nseverity: warning\nmessage: direct use\n"
                f"rule:\n  pattern: {BOUNDARY}\n")
    for c in HV_CALLS:
        docs.append(f"id: {c}\nlanguage: c\nseverity: error\nmessage: Hyper-V special case\nrule:\n  pattern: {c}()\n")
    for c in HV_ARGS:
        docs.append(f"id: {c}\nlanguage: c\nseverity: error\nmessage: Hyper-V special case\n"
                    f"rule:\n  pattern: {c}($$$ARGS)\n")
    return "---\n".join(docs)


def _coccinelle() -> str:
    arith = "\n|\n".join("*" + p.replace("B", BOUNDARY).replace("$X", "x").replace("$S", "s")
                         for p in ARITH if "=" not in p)
    calls = "\n|\n".join(f"*{c}()" for c in HV_CALLS) + "\n|\n" + "\n|\n".join(f"*{c}(...)" for c in HV_ARGS)
    return f"""@vtom@
expression x, s;
@@
(
{arith}
)

@hv@
@@
(
{calls}
)
"""


def write_equivalent_rules(directory: Path) -> dict[str, Path]:
    """Write the three rule files; return their paths by tool."""
    files = {"semgrep": directory / "coco.semgrep.yml", "ast-grep": directory / "coco.ast-grep.yml",
             "coccinelle": directory / "coco.cocci"}
    files["semgrep"].write_text(_semgrep())
    files["ast-grep"].write_text(_ast_grep())
    files["coccinelle"].write_text(_coccinelle())
    return files
