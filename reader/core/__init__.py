"""The analysis core: documents, entities, places and export. No Qt here."""
