"""The schema version as the names of its migrations, without sqlite-utils.

Opening a database that needs no migration (every start but the first after an upgrade) compares these names
with the ``_sqlite_migrations`` table and nothing more, so the window's start-up never imports sqlite-utils
(about 60 ms). ``store/schema.py`` holds the migrations themselves and refuses to load if this list and its
migrations differ: add the new migration's name here when you add the migration there.
"""

#: The name of our migration set in the ``_sqlite_migrations`` table.
MIGRATION_SET = "kstthc"

#: Every migration this program knows, in order: the schema version it writes is their number.
KNOWN_MIGRATIONS = ["m001_initial", "m002_indexes_and_file_size", "m003_figures", "m004_units_and_returns", "m005_task_links"]

SCHEMA_VERSION = len(KNOWN_MIGRATIONS)
