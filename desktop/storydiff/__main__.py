import sys

from storydiff.app import main

sys.exit(main())
