"""Tests of cjmctl.health."""
