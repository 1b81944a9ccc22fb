"""Finding, loading and running the spaCy pipeline. No Qt here."""
