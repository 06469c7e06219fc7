"""Tests of cjmctl.importers."""
