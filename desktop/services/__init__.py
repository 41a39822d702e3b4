"""Qt-free jobs that combine sources, tagging and the store (collaborators are injected by app.py)."""
