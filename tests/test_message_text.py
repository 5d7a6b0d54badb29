"""Messages name the matched code without the comments inside it; the fingerprinted code keeps them."""

from __future__ import annotations

from cocolint.engine.matcher import Matcher
from cocolint.pattern import compile_pattern
from cocolint.ruleset.model import Rule

SOURCE = b"""u64 f(void *page)
{
	return virt_to_phys(page) |	/* the vTOM bit */
		/* second comment */ ms_hyperv.shared_gpa_boundary;
}
"""


def _rule(message: str) -> Rule:
    return Rule(id="t", file="t.toml", category="t", severity="error", confidence="high",
                message=message, summary="s", rationale="r", use_instead="u",
                patterns=(compile_pattern("$X | ms_hyperv.shared_gpa_boundary"),))


def test_comments_inside_a_match_are_left_out_of_the_message():
    (finding,) = Matcher([_rule("in `{match}`, X is `{X}`")]).match("a.c", SOURCE).findings
    assert finding.message == "in `virt_to_phys(page) | ms_hyperv.shared_gpa_boundary`, X is `virt_to_phys(page)`"
    assert "/* the vTOM bit */" in finding.code


def test_a_match_without_comments_is_unchanged():
    src = b"u64 f(u64 pa)\n{\n\treturn (pa) | ms_hyperv.shared_gpa_boundary;\n}\n"
    (finding,) = Matcher([_rule("{match}")]).match("a.c", src).findings
    assert finding.message == "(pa) | ms_hyperv.shared_gpa_boundary"
