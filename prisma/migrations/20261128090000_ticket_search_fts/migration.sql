-- Free-text search of the admin queue (lib/tickets/search.ts): an FTS5 index over the fields agents
-- search by. Hand-written: Prisma does not manage virtual tables or triggers, so this table and its
-- triggers exist only here (a generated migration diff would try to drop them: see README, "Decisions").
--
-- External content: the index stores no copy of the text, only the terms; rowid = "Ticket"."id".
-- unicode61 with remove_diacritics 2 folds case and accents ("Helene" finds "Hélène").
CREATE VIRTUAL TABLE "ticket_fts" USING fts5(
    "reference",
    "fullName",
    "login",
    "email",
    "entLogin",
    "message",
    content = 'Ticket',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Kept in step by triggers, in the same transaction as the change to the ticket. An external-content
-- delete must be given the values that were indexed: the OLD row.
CREATE TRIGGER "ticket_fts_after_insert" AFTER INSERT ON "Ticket" BEGIN
    INSERT INTO "ticket_fts" ("rowid", "reference", "fullName", "login", "email", "entLogin", "message")
    VALUES (new."id", new."reference", new."fullName", new."login", new."email", new."entLogin", new."message");
END;

CREATE TRIGGER "ticket_fts_after_delete" AFTER DELETE ON "Ticket" BEGIN
    INSERT INTO "ticket_fts" ("ticket_fts", "rowid", "reference", "fullName", "login", "email", "entLogin", "message")
    VALUES ('delete', old."id", old."reference", old."fullName", old."login", old."email", old."entLogin", old."message");
END;

-- Only when a searched column changes (status, assignee, priority… updates leave the index alone);
-- the anonymisation of issue 5 rewrites fullName, login, email, entLogin and message, so it fires.
CREATE TRIGGER "ticket_fts_after_update" AFTER UPDATE OF "reference", "fullName", "login", "email", "entLogin", "message" ON "Ticket" BEGIN
    INSERT INTO "ticket_fts" ("ticket_fts", "rowid", "reference", "fullName", "login", "email", "entLogin", "message")
    VALUES ('delete', old."id", old."reference", old."fullName", old."login", old."email", old."entLogin", old."message");
    INSERT INTO "ticket_fts" ("rowid", "reference", "fullName", "login", "email", "entLogin", "message")
    VALUES (new."id", new."reference", new."fullName", new."login", new."email", new."entLogin", new."message");
END;

-- Backfill the tickets filed before this migration.
INSERT INTO "ticket_fts" ("ticket_fts") VALUES ('rebuild');
