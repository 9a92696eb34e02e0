"""Storage: Peewee models on one SQLite file, migrations, backups and the named
queries the rest of Rebound uses. Nothing here imports Qt."""
