"""Everything that imports PySide6: the window, its views, models, workers and dialogs."""
