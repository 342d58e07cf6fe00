-- Hand-written (PostgreSQL only; not in the datamodel, like the search index it replaces).
-- The search words of a ticket, stored: computed once when the row is written, instead of by every
-- row a query reads. Two reasons (bench/RESULTS.md, issue 18):
-- - A newest-first search page walks the primary key and tests each ticket; with the words computed
--   per row (unaccent, regexp, to_tsvector) a rare name cost ~15 s at 1,000,000 tickets, read from
--   the stored column ~1 µs a row.
-- - ANALYZE keeps statistics of a column's most common words, so the planner knows a word found in
--   every ticket from a rare one (on an expression index it assumed every query matches 0.5%).
-- Generated, so no write path has to keep it: an insert, an edit or an erasure recomputes it in the
-- same statement, and nothing can set it by hand. lib/sql-dialect.ts reads it.
ALTER TABLE "Ticket" ADD COLUMN "searchVector" tsvector
  GENERATED ALWAYS AS ("relais_ticket_search_vector"("reference", "fullName", "login", "email", "entLogin", "message")) STORED;

DROP INDEX "Ticket_search_idx";
CREATE INDEX "Ticket_search_idx" ON "Ticket" USING gin ("searchVector");
