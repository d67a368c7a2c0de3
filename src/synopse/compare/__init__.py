"""Comparison of many documents: facts, conflicts, omissions, framing, reuse, timeline."""
