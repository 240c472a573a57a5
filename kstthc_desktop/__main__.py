"""``python -m kstthc_desktop`` behaves exactly like the ``kstthc`` command."""

import sys

from kstthc_desktop.cli import main

sys.exit(main())
