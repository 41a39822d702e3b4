"""Qt-free types and pure rules. Nothing here does I/O or imports Qt."""
