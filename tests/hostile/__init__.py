"""Hostile and broken input: the case corpus (folders with case.yaml, run by tests/test_hostile.py) and
the tests of hostile input that need more than one build of a case (site scripts, build state)."""
