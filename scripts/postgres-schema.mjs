#!/usr/bin/env node
// One datamodel, two providers (issue 18): prisma/schema.prisma (SQLite) is the source; this script
// derives prisma/postgresql/schema.prisma from it, for the PostgreSQL client and migrations. Prisma
// takes one provider per schema file, so the derived file is committed and a unit test
// (tests/unit/postgres-schema.test.ts) fails when it differs from what this script writes.
//   node scripts/postgres-schema.mjs          writes the derived schema
//   node scripts/postgres-schema.mjs --check  exits 1 when the committed file is stale
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
export const SOURCE = path.join(root, 'prisma', 'schema.prisma')
export const DERIVED = path.join(root, 'prisma', 'postgresql', 'schema.prisma')

const HEADER = `// GENERATED from prisma/schema.prisma by scripts/postgres-schema.mjs: do not edit, run
// \`node scripts/postgres-schema.mjs\` after changing the source. Same models, PostgreSQL provider,
// its own client (lib/generated/prisma-postgresql) and migrations (prisma/migrations-postgresql).

`

/** Replaces exactly one match of `pattern` in `text`, or throws: a changed source must not slip through. */
function replaceOnce(text, pattern, replacement) {
  const matches = text.match(new RegExp(pattern.source, 'g')) ?? []
  if (matches.length !== 1) throw new Error(`postgres-schema: expected one match of ${pattern} in prisma/schema.prisma, found ${matches.length}`)
  return text.replace(pattern, replacement)
}

/** The PostgreSQL schema for the SQLite schema's text. */
export function derivePostgresSchema(source) {
  let text = replaceOnce(source, /provider = "sqlite"/, 'provider = "postgresql"')
  // The derived file sits one folder deeper; its client is generated beside the SQLite one.
  text = replaceOnce(text, /output {10}= "\.\.\/lib\/generated\/prisma"/, 'output          = "../../lib/generated/prisma-postgresql"')
  return HEADER + text
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const expected = derivePostgresSchema(fs.readFileSync(SOURCE, 'utf8'))
  if (process.argv.includes('--check')) {
    const actual = fs.existsSync(DERIVED) ? fs.readFileSync(DERIVED, 'utf8') : ''
    if (actual !== expected) {
      console.error('prisma/postgresql/schema.prisma is stale: run `node scripts/postgres-schema.mjs`.')
      process.exit(1)
    }
  } else {
    fs.mkdirSync(path.dirname(DERIVED), { recursive: true })
    fs.writeFileSync(DERIVED, expected)
  }
}
