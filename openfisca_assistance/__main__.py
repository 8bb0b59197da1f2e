"""Run the `assistance` command as `python -m openfisca_assistance`."""

from openfisca_assistance.cli import main

main()
