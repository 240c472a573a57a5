"""Returns from units: each unit gets a workbook of its tasks and the dossier form, fills it in, and sends it back.

The exchange is by files (e-mail, USB), not a server: the program works offline on one PC, and the units are
other offices with other PCs. ``units.py`` keeps the list of units per plan year; ``template.py`` writes a unit's
workbook, tied to the plan, period and unit by a hidden sheet; ``reader.py`` reads a filled one back (refusing a
foreign or edited one); ``tracking.py`` says who has sent and who is late.
"""
