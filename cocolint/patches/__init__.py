"""Patches as kernel developers send them: read mails, apply hunks in memory, compare findings."""
