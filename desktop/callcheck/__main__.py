import sys

from callcheck.launcher import main

sys.exit(main())
