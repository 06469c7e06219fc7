"""Tests of cjmctl.cli."""
