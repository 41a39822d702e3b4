"""Qt widgets. One module per pane; panes talk only through the SelectionBus."""
