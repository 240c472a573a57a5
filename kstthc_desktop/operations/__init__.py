"""Operations: each use case the officer can perform, written once, for the window and ``kstthc`` alike.

An operation takes an open ``Store`` and plain values (dates and "now" are parameters: no operation reads the
clock), checks its input (a refusal is a ``UserError`` with one Vietnamese sentence and the database
unchanged), and writes in one transaction, with the backup-before-write policy decided here and nowhere
else. The window (``gui/``) only collects the input in its widgets, calls the operation, and shows the
outcome or the refusal; the command line (``commands/``) parses arguments and calls the same operation.

- ``imports``: save an imported plan (a new plan, or the update of the year's plan it amends).
- ``progress``: record, change and delete progress entries, log on-demand events, add and change documents.
- ``plans``: a task's assignee; the plan year of a plan being imported (its deadlines read again).
- ``undo``: undo the officer's last action of the session (entries, documents, events, tasks), from history.
- ``concern``: mark many tasks at once as the body's own or not.
- ``plan_edit``: correct a plan after import (a task's texts, section, number; tasks and sections added, renamed, deleted).
"""
