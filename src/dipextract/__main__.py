"""``python -m dipextract`` runs the same command line as the ``dipextract`` script."""

from dipextract.resident import main

if __name__ == "__main__":
    main()
