"""The period's figures: dossier statistics and other counts that every periodic KSTTHC report carries.

What a report's figures are is data, not code: each form (the eleven columns of Biểu số 06/VPCP/KSTT, the typed-in
counts of published procedures and feedback…) is a JSON definition in ``resources/forms/`` (``forms.py``), so that a
new circular that changes a form changes a file. ``model.py`` holds a reading (rows by field and their total) with
its identity checks, ``export_reader.py`` reads a one-stop system's Excel export into one, ``sentences.py`` writes
the report's sentences from one, and ``store/figures.py`` keeps them per unit and period.
"""
