// The framework floor (issue 17): bench/floor-app, a Next app with a no-op GET, a no-op POST that
// parses its JSON body and an empty page, built with the repository's own `next` (same version as
// Relais) and served by `next start`. Every submission, queue and page figure of the bench is read
// against it, in the same run.

import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { bin, root, runCommand, startNodeFlags, startProcess, waitForHttp, type Started } from './procs'

export const floorDir = path.join(root, 'bench', 'floor-app')
const buildId = path.join(floorDir, '.next', 'BUILD_ID')

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0
  const stat = fs.statSync(p)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(0, ...fs.readdirSync(p).filter((c) => c !== '.next' && c !== 'next-env.d.ts').map((c) => newestMtime(path.join(p, c))))
}

export interface FloorBuild {
  rebuilt: boolean
  seconds: number
}

/** `next build` of the floor app unless its build is newer than its sources and the lockfile. */
export async function buildFloor(force: boolean, log: (msg: string) => void): Promise<FloorBuild> {
  const sourcesAt = Math.max(newestMtime(floorDir), fs.statSync(path.join(root, 'package-lock.json')).mtimeMs)
  if (!force && fs.existsSync(buildId) && sourcesAt < fs.statSync(buildId).mtimeMs) {
    log('floor app build is newer than its sources and the lockfile: not rebuilt')
    return { rebuilt: false, seconds: 0 }
  }
  log('next build of the floor app (bench/floor-app)')
  const tsconfig = path.join(floorDir, 'tsconfig.json')
  const before = fs.readFileSync(tsconfig, 'utf8')
  const t0 = performance.now()
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' }
  delete env.NEXT_DIST_DIR
  try {
    await runCommand(bin('next'), ['build', floorDir], { env })
  } finally {
    if (fs.readFileSync(tsconfig, 'utf8') !== before) fs.writeFileSync(tsconfig, before)
  }
  return { rebuilt: true, seconds: (performance.now() - t0) / 1000 }
}

/** Node flags that preload the event-loop probe (bench/loop-probe.mjs) writing to `file`. */
export const probeFlags = (file: string) => ({
  flags: ['--import', pathToFileURL(path.join(root, 'bench', 'loop-probe.mjs')).href],
  env: { BENCH_LOOP_FILE: file },
})

/** `next start` of the floor app, with the node flags `npm start` gives Relais and the probe. */
export async function startFloor(port: number, loopFile: string): Promise<{ proc: Started; origin: string }> {
  const origin = `http://127.0.0.1:${port}`
  const probe = probeFlags(loopFile)
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', ...probe.env }
  delete env.NEXT_DIST_DIR
  const next = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next')
  const proc = startProcess(process.execPath, [...startNodeFlags(), ...probe.flags, next, 'start', floorDir, '-p', String(port)], { env })
  await waitForHttp(`${origin}/api/noop`, proc)
  return { proc, origin }
}
