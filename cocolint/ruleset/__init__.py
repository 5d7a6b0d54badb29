"""Rules as data: the rule model, its schema, and loading rule files from disk."""

from cocolint.ruleset.loader import builtin_rules_dir, load_rules
from cocolint.ruleset.model import Example, Region, Rule, Scope

__all__ = ["Example", "Region", "Rule", "Scope", "builtin_rules_dir", "load_rules"]
