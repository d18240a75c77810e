"""`python -m reciprocity_cli` runs the same app as the `recip` command."""

from reciprocity_cli.entry import main

if __name__ == "__main__":
    main()
