"""dialogs of the StoryDiff window."""
