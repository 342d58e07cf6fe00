-- Hand-written, PostgreSQL only (issue 18, several processes on one database): state that one
-- SQLite process keeps in memory, shared here by every app process. Not in the datamodel: nothing
-- reads these through Prisma and SQLite has no use for them (see README, "Decisions").

-- Report and classification rate limits (lib/security/rate-limits.ts): rate-limiter-flexible's
-- RateLimiterPostgres store, its own columns in its own order (its INSERT names none), created here
-- so the limiter never runs DDL at request time (tableCreated). "key" is text, not the library's
-- varchar(255): a per-person key holds an address and a normalised name of up to 200 characters.
-- "expire" is a Unix time in milliseconds.
CREATE TABLE "_relais_rate_limits" (
  "key" text PRIMARY KEY,
  "points" integer NOT NULL DEFAULT 0,
  "expire" bigint
);

-- The sign-in slow-down (lib/auth/sign-in-limiter.ts): failures per (e-mail, address) and per
-- e-mail, with the instant of the last one (Unix milliseconds); rows older than the window are swept.
CREATE TABLE "_relais_sign_in_failures" (
  "key" text PRIMARY KEY,
  "count" integer NOT NULL,
  "last" bigint NOT NULL
);
CREATE INDEX "_relais_sign_in_failures_last" ON "_relais_sign_in_failures"("last");

-- The version of the queue's facet counts (lib/tickets/facets.ts): every process that changes
-- tickets advances it; a process serves its cached counts only while the version is the one they
-- were counted at. A sequence: advancing it takes no row lock and leaves no dead row.
CREATE SEQUENCE "_relais_ticket_counts_version";
