"""The test suite as a package: shared code is imported as ``tests.support`` and shared fixtures
come from ``tests/conftest.py``, never one test module imported from another via sys.path."""
