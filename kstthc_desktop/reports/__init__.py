"""Reports: the period's data (``data``), drawn as the official PDF (``pdf``) or an Excel workbook (``excel``).

Only ``data`` and ``produce`` are cheap to import; reportlab and openpyxl load when a file is written.
"""
