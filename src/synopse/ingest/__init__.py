"""Ingest: turn sources (files, folders, globs, URLs, stdin, records) into clean Documents."""
