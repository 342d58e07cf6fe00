-- Hand-written: what the SQLite history holds outside the datamodel (prisma/migrations), for
-- PostgreSQL. Prisma does not model these, so a generated diff will try to drop them: keep them
-- (README, "Decisions").

-- Exactly one OPEN incident per key, whatever the number of concurrent reports and processes
-- (SQLite: migration 20261202010000_incidents, same SQL).
CREATE UNIQUE INDEX "Incident_open_key" ON "Incident"("key") WHERE "status" = 'OPEN';

-- Ticket search (SQLite: the FTS5 table "ticket_fts", migration 20261128090000_ticket_search_fts),
-- same columns and semantics: reference, name, PRONOTE login, e-mail, ENT login and message; case
-- and accents ignored; words split on anything that is not a letter or digit (so an e-mail or a
-- reference is several words, as with FTS5's unicode61); every word must match, the last one may be
-- a prefix. Built-in full-text search with a GIN index over an expression, so nothing is stored
-- twice and an anonymised ticket drops its words in the same transaction, like the FTS5 triggers.
-- unaccent is a trusted extension: the database owner may create it (PostgreSQL 13+).
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;

-- unaccent() is only STABLE (it reads its dictionary by name through search_path); naming the
-- dictionary and the function by schema makes the result depend on the text alone, so it may be
-- IMMUTABLE and used in an index.
CREATE FUNCTION "relais_unaccent"(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN public.unaccent('public.unaccent'::regdictionary, $1);

-- The searchable form of a text: accents removed, lower case, anything but letters and digits a space.
CREATE FUNCTION "relais_search_text"(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN regexp_replace(lower("relais_unaccent"(coalesce($1, ''))), '[^[:alnum:]]+', ' ', 'g');

-- The indexed words of a ticket (the same call in lib/sql-dialect.ts, or the index is not used).
CREATE FUNCTION "relais_ticket_search_vector"(text, text, text, text, text, text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN to_tsvector('simple'::regconfig, "relais_search_text"(
    coalesce($1, '') || ' ' || coalesce($2, '') || ' ' || coalesce($3, '') || ' ' || coalesce($4, '') || ' ' || coalesce($5, '') || ' ' || coalesce($6, '')));

-- The query for the agent's words (already split by lib/tickets/search.ts): every word, the last one
-- a prefix when asked. Each word is quoted, so no tsquery syntax gets through.
CREATE FUNCTION "relais_search_query"("words" text, "lastIsPrefix" boolean) RETURNS tsquery
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT to_tsquery('simple'::regconfig, string_agg(
      quote_literal(w) || CASE WHEN "lastIsPrefix" AND n = total THEN ':*' ELSE '' END, ' & ' ORDER BY n))
    FROM (SELECT w, n, count(*) OVER () AS total
      FROM unnest(string_to_array(btrim("relais_search_text"("words")), ' ')) WITH ORDINALITY AS u(w, n)
      WHERE w <> '') AS words;
END;

CREATE INDEX "Ticket_search_idx" ON "Ticket" USING gin (
  "relais_ticket_search_vector"("reference", "fullName", "login", "email", "entLogin", "message"));
