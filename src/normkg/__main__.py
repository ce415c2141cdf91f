"""`python -m normkg` runs the command line."""

from normkg.cli import main

main()
