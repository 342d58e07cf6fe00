#!/usr/bin/env node
// Serves the production build for the end-to-end tests on a fresh, migrated database of its own.
// Builds into its own folder (.next-e2e) so a developer's .next is never touched.
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const dir = path.join(root, 'tests', '.tmp', `e2e-${process.env.E2E_PORT || '3100'}`)
fs.rmSync(dir, { recursive: true, force: true })
fs.mkdirSync(dir, { recursive: true })

process.env.DATABASE_URL = `file:${path.join(dir, 'e2e.db')}`
process.env.NEXT_DIST_DIR ||= '.next-e2e'
process.env.PORT = process.env.E2E_PORT || '3100'
process.env.NEXTAUTH_SECRET ||= 'e2e-secret-not-for-production-use-0123456789'
process.env.NEXTAUTH_URL = `http://localhost:${process.env.PORT}`
fs.writeFileSync(path.join(dir, 'database-url'), process.env.DATABASE_URL)

await import('./start.mjs')
