"""Tests of the load stage (generator/load/), without building."""
