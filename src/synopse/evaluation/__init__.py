"""Evaluation against gold annotations: the scores ``synopse eval`` prints and CI asserts."""
