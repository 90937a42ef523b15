-- Trigram matching powers the fuzzy, alias-aware entity search.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
