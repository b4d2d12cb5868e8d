"""The only package that speaks SQL: SQLite by default, PostgreSQL through DATABASE_URL."""
