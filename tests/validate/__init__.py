"""Tests of the validate stage (generator/validate/), without building."""
