"""Output-only stand-in for xmltodict, which mixcoatl imports for its --xml output.

XML output is not available in this test tooling; asking for it fails loudly instead of printing
something else.
"""


def unparse(*args, **kwargs):
    raise NotImplementedError("xmltodict is a stand-in here: XML output is not available")


def parse(*args, **kwargs):
    raise NotImplementedError("xmltodict is a stand-in here: XML input is not available")
