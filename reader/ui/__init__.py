"""Qt widgets: the main window, article view, entity panel and mini map."""
