"""`python -m generator`: the same command as `bestek`."""
import sys

from generator.cli import main

sys.exit(main())
