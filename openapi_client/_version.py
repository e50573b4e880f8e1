"""The SDK's version, in one place (read by setup.py, the User-Agent and the debug report)."""

__version__ = "1.0.0"
