"""The frozen application's entry point: the same ``main`` as the ``storydiff`` command."""

import sys

from storydiff.app import main

if __name__ == "__main__":
    sys.exit(main())
