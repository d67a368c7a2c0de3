"""Reports: terminal (rich), JSON (the contract in SPEC.md) and HTML."""
