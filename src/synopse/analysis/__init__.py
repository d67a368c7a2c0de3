"""Analysis of one document: sentences, entities, quotes, dates and quantities."""
