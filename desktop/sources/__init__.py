"""Blocking fetchers that return core objects or raise SourceError. Qt-free."""
