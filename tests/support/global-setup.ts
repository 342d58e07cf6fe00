import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { migrateDatabase } from './migrate'
import { createPostgresTemplate, dropPostgresDatabase } from './postgres-databases'
import { startPostgresCluster } from './postgres-cluster'

// Applies the migrations once to a template database; every test file starts from its own copy
// (fresh-database.ts). SQLite by default; RELAIS_TEST_DATABASE=postgresql runs the same suites on
// PostgreSQL (issue 18): on the server named by RELAIS_TEST_POSTGRES_URL (npm run test:postgres
// starts one cluster for the run), else on a throwaway cluster started here.
export default async function setup(project: TestProject) {
  if (process.env.RELAIS_TEST_DATABASE === 'postgresql') {
    const cluster = process.env.RELAIS_TEST_POSTGRES_URL ? null : await startPostgresCluster()
    const serverUrl = process.env.RELAIS_TEST_POSTGRES_URL ?? cluster!.url()
    const template = await createPostgresTemplate(serverUrl, `relais_template_${project.name}_${process.pid}`)
    project.provide('testDatabase', { provider: 'postgresql', serverUrl, template })
    return async () => {
      await dropPostgresDatabase(serverUrl, template)
      cluster?.stop()
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-test-'))
  const template = path.join(dir, 'template.db')
  migrateDatabase(template)
  project.provide('testDatabase', { provider: 'sqlite', template })
  return () => fs.rmSync(dir, { recursive: true, force: true })
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: { provider: 'sqlite'; template: string } | { provider: 'postgresql'; serverUrl: string; template: string }
  }
}
