"""SQLite schema, migrations, the single writer and read-only queries. Qt-free."""
