"""dipreader: a keyboard-driven terminal reader and annotator for news corpora."""

__version__ = "0.1.0"
