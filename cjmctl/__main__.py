"""`python -m cjmctl`: the same command line as the `cjmctl` script."""

from cjmctl.cli import main

main()
