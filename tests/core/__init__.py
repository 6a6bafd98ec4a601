"""Tests of core/ (shared by every stage), without building."""
