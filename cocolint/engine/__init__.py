"""The engine: files in, pre-filter, parse, match, scope, findings out."""
