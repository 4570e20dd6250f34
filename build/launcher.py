"""The frozen app's entry script: the package's own `main`, imported as a package module."""

import sys

from studio_desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
