"""The database schema, as an ordered list of sqlite-utils migrations.

Never edit a migration once it has shipped: a database made by an older program replays only the
migrations it has not seen. (Tables are named with ``db.table(name)``, sqlite-utils' accessor that is typed as a
table; ``db[name]`` may also be a view.) Add a new function at the end instead; ``tests/test_migrations.py``
upgrades a database made by the first schema (``tests/fixtures/db/schema-1.db``) to the current one.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from kstthc_desktop.store import versions
from kstthc_desktop.store.versions import MIGRATION_SET

migrations = Migrations(MIGRATION_SET)


@migrations()
def m001_initial(db: Database) -> None:
    """The first schema: plans, their sections and tasks, bodies, events, progress, evidence, history."""
    db.table("meta").create({"key": str, "value": str}, pk="key")
    db.table("plans").create(
        {
            "id": int,
            "source": str,
            "issuer": str,
            "level": str,
            "province": str,
            "year": int,
            "title": str,
            "header": str,  # JSON list of the table's headings
        },
        pk="id",
    )
    db.table("sections").create(
        {"id": int, "plan_id": int, "code": str, "title": str, "parent": str, "printed_code": str, "position": int},
        pk="id",
        foreign_keys=[("plan_id", "plans", "id")],
    )
    db.table("tasks").create(
        {
            "id": int,
            "plan_id": int,
            "position": int,
            "section": str,
            "stt": str,
            "sub": int,
            "content": str,
            "result": str,
            "lead": str,
            "cooperate": str,
            "deadline_text": str,
            "note": str,
            "deadline_kind": str,
            "deadline_due": str,  # ISO date
            "deadline_every": str,  # JSON {"quarter": 19, ...}
            "deadline_within_days": int,
            "ambiguous": int,
            "why": str,
            "assignee": str,
            "concern": str,
            "withdrawn": int,
            "extra": str,  # JSON {heading: text}
            "source_row": int,
        },
        pk="id",
        foreign_keys=[("plan_id", "plans", "id")],
        not_null={"plan_id", "content"},
        defaults={"sub": 0, "ambiguous": 0, "withdrawn": 0, "concern": "", "assignee": "", "extra": "{}"},
    )
    db.table("bodies").create({"id": int, "name": str, "key": str}, pk="id", not_null={"name", "key"})
    db.table("bodies").create_index(["key"], unique=True)
    db.table("task_bodies").create(
        {"task_id": int, "body_id": int, "role": str},
        pk=("task_id", "body_id", "role"),
        foreign_keys=[("task_id", "tasks", "id"), ("body_id", "bodies", "id")],
    )
    db.table("events").create(
        {"id": int, "task_id": int, "event_date": str, "text": str},
        pk="id",
        foreign_keys=[("task_id", "tasks", "id")],
        not_null={"task_id", "event_date"},
    )
    db.table("progress").create(
        {"id": int, "task_id": int, "entry_date": str, "text": str, "occurrence_key": str, "done": int},
        pk="id",
        foreign_keys=[("task_id", "tasks", "id")],
        not_null={"task_id", "entry_date", "text"},
    )
    db.table("evidence").create(
        {
            "id": int,
            "task_id": int,
            "progress_id": int,
            "number": str,
            "issued": str,
            "issuer": str,
            "summary": str,
            "file_name": str,
            "file_sha256": str,
        },
        pk="id",
        foreign_keys=[("task_id", "tasks", "id"), ("progress_id", "progress", "id")],
        not_null={"task_id"},
    )
    db.table("history").create(
        {"id": int, "entity": str, "entity_id": int, "field": str, "old": str, "new": str, "at": str, "action": str},
        pk="id",
    )
    db.table("settings").create({"key": str, "value": str}, pk="key")
    db.table("report_texts").create(
        {"plan_id": int, "period_key": str, "name": str, "text": str},
        pk=("plan_id", "period_key", "name"),
        foreign_keys=[("plan_id", "plans", "id")],
    )
    db.table("reports").create(
        {"id": int, "plan_id": int, "period_key": str, "path": str, "sha256": str, "produced_at": str},
        pk="id",
        foreign_keys=[("plan_id", "plans", "id")],
    )


@migrations()
def m002_indexes_and_file_size(db: Database) -> None:
    """Look-ups by task and by entity stay fast over years of records; evidence remembers its file's size."""
    db.table("tasks").create_index(["plan_id", "position"])
    db.table("progress").create_index(["task_id"])
    db.table("evidence").create_index(["task_id"])
    db.table("evidence").create_index(["file_sha256"])
    db.table("events").create_index(["task_id"])
    db.table("history").create_index(["entity", "entity_id"])
    db.table("evidence").add_column("file_size", int)


@migrations()
def m003_figures(db: Database) -> None:
    """The period's figures: one set per form, unit and period (a replaced set stays, pointing to its successor)."""
    db.table("figure_sets").create(
        {
            "id": int,
            "form": str,
            "unit": str,
            "unit_key": str,
            "period_key": str,
            "date_from": str,
            "date_to": str,
            "source": str,  # the file read, or "" when typed in
            "origin": str,  # "import", "typed", "return"
            "stored_at": str,
            "replaced_by": int,
            "warnings": str,  # JSON list of Vietnamese sentences
        },
        pk="id",
        not_null={"form", "unit_key", "period_key"},
    )
    db.table("figure_sets").create_index(["form", "period_key", "unit_key"])
    db.table("figure_rows").create(
        {"id": int, "set_id": int, "position": int, "name": str, "is_total": int, "figures": str},
        pk="id",
        foreign_keys=[("set_id", "figure_sets", "id")],
        not_null={"set_id"},
        defaults={"is_total": 0},
    )
    db.table("figure_rows").create_index(["set_id"])


@migrations()
def m004_units_and_returns(db: Database) -> None:
    """Units that report to the officer (per plan year), the returns they sent, and the task results in them."""
    db.table("units").create(
        {"id": int, "year": int, "name": str, "key": str, "kind": str, "contact": str, "report_day": int,
         "position": int},
        pk="id",
        not_null={"year", "name", "key"},
        defaults={"kind": "", "contact": ""},
    )
    db.table("units").create_index(["year", "key"], unique=True)
    db.table("returns").create(
        {"id": int, "unit": str, "unit_key": str, "period_key": str, "plan_id": int, "source": str, "sha256": str,
         "received_at": str, "replaced_by": int},
        pk="id",
        foreign_keys=[("plan_id", "plans", "id")],
        not_null={"unit_key", "period_key"},
    )
    db.table("returns").create_index(["period_key", "unit_key"])
    db.table("return_results").create(
        {"id": int, "return_id": int, "task_id": int, "text": str, "doc_number": str, "doc_date": str,
         "done": int, "progress_id": int},
        pk="id",
        foreign_keys=[("return_id", "returns", "id"), ("task_id", "tasks", "id")],
        not_null={"return_id", "task_id"},
        defaults={"done": 0},
    )
    db.table("return_results").create_index(["return_id"])


@migrations()
def m005_task_links(db: Database) -> None:
    """A task of the body's own plan linked to the province task it comes from: progress shows on both."""
    db.table("task_links").create(
        {"task_id": int, "source_task_id": int},
        pk=("task_id", "source_task_id"),
        foreign_keys=[("task_id", "tasks", "id"), ("source_task_id", "tasks", "id")],
    )
    db.table("task_links").create_index(["source_task_id"])


#: How many migrations this program knows: the schema version it writes.
SCHEMA_VERSION = len(migrations._migrations)
KNOWN_MIGRATIONS = [m.name for m in migrations._migrations]
if KNOWN_MIGRATIONS != versions.KNOWN_MIGRATIONS:  # opening a database decides "up to date" from that list alone
    raise RuntimeError("store/versions.py KNOWN_MIGRATIONS must name schema.py's migrations, in order")
