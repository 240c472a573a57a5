"""The PySide6 desktop program. Only this package imports Qt; it calls the core for everything else."""
