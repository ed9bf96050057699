"""StoryDiff: see how several outlets cover the same statements."""

__version__ = "0.1.0"
