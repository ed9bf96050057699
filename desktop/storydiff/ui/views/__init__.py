"""views of the StoryDiff window."""
