"""Text normalisation, theme tagging and company linking. Qt-free and pure."""
