"""Click command groups kept out of cli.py: `glossary` and `models`."""
