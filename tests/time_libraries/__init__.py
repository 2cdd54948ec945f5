"""Helpers for tests/test_time_libraries.py: scenarios that must run in a fresh interpreter."""
