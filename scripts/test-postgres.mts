// `npm run test:postgres`: the integration and security suites on PostgreSQL (issue 18). Starts one
// throwaway cluster for the run (tests/support/postgres-cluster.ts), runs vitest with
// RELAIS_TEST_DATABASE=postgresql against it, then stops and removes it. Extra arguments go to vitest
// (`npm run test:postgres -- tests/integration/health.test.ts`). No PostgreSQL installed is a
// failure, not a skip: skipping needs RELAIS_SKIP_POSTGRES=1.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { startPostgresCluster } from '../tests/support/postgres-cluster'

const root = path.resolve(import.meta.dirname, '..')

// These start production servers on SQLite files of their own (tests/security/support/
// production-server.ts): they would only run the SQLite suite again here, for minutes of builds.
// They leave this list when the production-server harness gains PostgreSQL (issue 18's
// multi-process test).
const SQLITE_SERVER_FILES = [
  'tests/security/production-server.test.ts',
  'tests/security/production-hardening.test.ts',
  'tests/security/edge-server.test.ts',
  'tests/security/mail-delivery.test.ts',
]

if (process.env.RELAIS_SKIP_POSTGRES === '1') {
  console.log('RELAIS_SKIP_POSTGRES=1 : suites PostgreSQL sautées / PostgreSQL suites skipped.')
  process.exit(0)
}

let cluster
try {
  cluster = await startPostgresCluster()
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
let status = 1
try {
  console.log(`Sur SQLite seulement pour l’instant / SQLite-only for now: ${SQLITE_SERVER_FILES.join(', ')}`)
  const excluded = SQLITE_SERVER_FILES.flatMap((file) => ['--exclude', file])
  // Every statement is a round trip to the server here (no in-process group commit): on a loaded
  // 2-core machine the 600-report rentrée morning alone took 33 s, over the suite's 30 s default.
  const timeout = ['--testTimeout', '180000']
  const args = ['run', '--config', 'tests/vitest.config.ts', '--project', 'integration', '--project', 'security', ...timeout, ...excluded, ...process.argv.slice(2)]
  const res = spawnSync(path.join(root, 'node_modules', '.bin', 'vitest'), args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, RELAIS_TEST_DATABASE: 'postgresql', RELAIS_TEST_POSTGRES_URL: cluster.url() },
  })
  status = res.status ?? 1
} finally {
  cluster.stop()
}
process.exit(status)
