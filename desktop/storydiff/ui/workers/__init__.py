"""workers of the StoryDiff window."""
