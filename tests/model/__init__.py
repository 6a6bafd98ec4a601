"""Tests of the model stage (generator/model/), without building."""
