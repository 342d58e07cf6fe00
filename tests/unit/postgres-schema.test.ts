import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DERIVED, SOURCE, derivePostgresSchema } from '../../scripts/postgres-schema.mjs'

// One datamodel (issue 18): prisma/postgresql/schema.prisma is derived from prisma/schema.prisma and
// committed. This fails when someone changed the source and forgot `node scripts/postgres-schema.mjs`.
describe('the PostgreSQL schema', () => {
  it('is the committed derivation of prisma/schema.prisma', () => {
    expect(fs.readFileSync(DERIVED, 'utf8')).toBe(derivePostgresSchema(fs.readFileSync(SOURCE, 'utf8')))
  })

  it('changes with the source, with only the provider and the client output replaced', () => {
    const source = fs.readFileSync(SOURCE, 'utf8')
    const derived = derivePostgresSchema(source)
    expect(derivePostgresSchema(source.replace('model Ticket {', 'model Ticket {\n  extra String?'))).not.toBe(derived)
    expect(derived).toContain('provider = "postgresql"')
    expect(derived).toContain('output          = "../../lib/generated/prisma-postgresql"')
    const body = (text: string) => text.slice(text.indexOf('/// A report filed'))
    expect(body(derived)).toBe(body(source))
  })

  it('refuses a source it does not recognise rather than deriving something else', () => {
    expect(() => derivePostgresSchema('datasource db {\n  provider = "mysql"\n}')).toThrow(/expected one match/)
  })
})
