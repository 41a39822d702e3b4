"""火花 Huohua: a desktop news-and-market monitor for A-share investors."""

__version__ = "0.1.0"
