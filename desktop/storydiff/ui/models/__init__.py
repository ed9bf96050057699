"""models of the StoryDiff window."""
