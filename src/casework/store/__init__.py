"""The store: SQLAlchemy Core tables, one engine per database URL, documents in and out."""
