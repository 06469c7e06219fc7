"""Tests of cjmctl.renderers."""
