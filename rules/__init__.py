"""cocolint's shipped rules: data files only (installed as cocolint.builtin_rules)."""
