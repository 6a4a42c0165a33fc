"""Test tooling for running the unchanged enStratus client mixcoatl under Python 2.7.

Python runs this at start-up when this directory is on PYTHONPATH. mixcoatl imports `requests`;
Python 2.7 under pyenv carries it only as pip's vendored copy, which is made importable under its
own name here. Nothing else is changed: requests and mixcoatl run as published.
"""
import sys

try:
    import requests  # noqa: F401  (a real installation wins)
except ImportError:
    # The vendored copy imports pip._internal, which imports it back: load pip._internal first.
    import pip._internal  # noqa: F401
    from pip._vendor import requests

    sys.modules["requests"] = requests
