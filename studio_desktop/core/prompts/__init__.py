"""Prompt texts: dynamic prompts (`{a|b}`, `__wildcards__`) expanded into the prompts jobs run."""
