"""Tests of cjmctl.journey."""
