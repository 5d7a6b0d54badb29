"""One run's settings: the config file merged with command-line flags (flags win), and the rules to run."""

from __future__ import annotations

from pathlib import Path

from cocolint import record
from cocolint.config import Config, check_rule_ids, find_config, load_config
from cocolint.engine.suppress import PSEUDO_RULES
from cocolint.errors import CocolintError
from cocolint.record import dataclass, field
from cocolint.ruleset import Rule, load_rules
from cocolint.ruleset.model import CONFIDENCES

TYPE_CHECKING = False  # argparse is not imported for a plain check (start-up time)
if TYPE_CHECKING:
    import argparse

DEFAULT_MIN_CONFIDENCE = "medium"


@dataclass
class Settings:
    """What a check needs: the config, every known rule id, and the rules (and pseudo rules) that run."""

    config: Config
    all_rules: list[Rule]
    rules: list[Rule]  # the rules that run: selected, confident enough, severity overrides applied
    pseudo: dict[str, Rule] = field(default_factory=dict)  # suppression diagnostics that are on

    @property
    def known(self) -> set[str]:
        """Every rule id a suppression or config may name."""
        return {r.id for r in self.all_rules} | set(PSEUDO_RULES)

    @property
    def active(self) -> set[str]:
        """The ids whose findings this run can produce."""
        return {r.id for r in self.rules} | set(self.pseudo)

    def metadata(self) -> dict[str, Rule]:
        """Rule metadata for reporters: the active rules and pseudo rules, by id."""
        return {**{r.id: r for r in self.rules}, **self.pseudo}


def split(values: list[str] | None) -> list[str]:
    """Flatten repeatable, comma-separated flag values."""
    return [v.strip() for item in values or [] for v in item.split(",") if v.strip()]


def config_for(args: argparse.Namespace) -> Config:
    """--config FILE, else the nearest config above the checked paths; --no-config skips both."""
    if getattr(args, "no_config", False):
        return Config()
    explicit = getattr(args, "config", None)
    if explicit is not None:
        if not explicit.is_file():
            raise CocolintError(str(explicit), "config file does not exist")
        return load_config(explicit)
    found = find_config(getattr(args, "paths", None) or [Path(".")])
    return load_config(found) if found else Config()


def resolve(args: argparse.Namespace, builtin: bool = True) -> Settings:
    """Load the config and the rules; apply select/ignore/min-confidence/severity (flags override config)."""
    cfg = config_for(args)
    all_rules = load_rules([*cfg.rule_dirs, *args.rules], builtin=builtin)
    known = {r.id for r in all_rules} | set(PSEUDO_RULES)
    check_rule_ids(cfg, known)
    cli_select, cli_ignore = split(args.select), split(args.ignore)
    for rid in cli_select + cli_ignore:
        if rid not in known:
            import difflib  # only for a misspelt rule id

            close = difflib.get_close_matches(rid, sorted(known), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise CocolintError("cocolint", f"unknown rule {rid!r}{hint} (see `cocolint rules`)")
    select = cli_select or cfg.select
    ignore = set(cli_ignore if args.ignore else cfg.ignore)
    floor = getattr(args, "min_confidence", None) or cfg.min_confidence or DEFAULT_MIN_CONFIDENCE
    rules = [r for r in all_rules if (not select or r.id in select) and r.id not in ignore
             and CONFIDENCES.index(r.confidence) <= CONFIDENCES.index(floor)]
    rules = [record.replace(r, severity=cfg.severity[r.id]) if r.id in cfg.severity else r for r in rules]
    pseudo = {rid: record.replace(r, severity=cfg.severity.get(rid, r.severity))
              for rid, r in PSEUDO_RULES.items() if rid not in ignore}
    return Settings(config=cfg, all_rules=all_rules, rules=rules, pseudo=pseudo)
