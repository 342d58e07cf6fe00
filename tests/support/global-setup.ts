import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { migrateDatabase } from './migrate'

// Applies the migrations once to a template database; every test file starts from its own copy.
export default function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-test-'))
  const template = path.join(dir, 'template.db')
  migrateDatabase(template)
  project.provide('templateDatabase', template)
  return () => fs.rmSync(dir, { recursive: true, force: true })
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string
  }
}
