"""Drafting the body's own plan from the province's: each department and commune issues its KSTTHC plan every
January, built on the province's (the tasks that concern it, internal leads, internal deadlines before the
province's). ``select`` proposes the tasks, ``internal`` computes internal deadlines in working days,
``draft`` builds the drafted plan, ``links`` ties each drafted task to the province task it comes from.
"""
