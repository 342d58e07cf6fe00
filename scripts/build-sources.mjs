// What a build of the app is made of, for `npm start` (scripts/start.mjs builds when stale) and the
// bench (bench/run.ts): one list, so that a new source folder makes both rebuild.
import fs from 'node:fs'
import path from 'node:path'

export const BUILD_SOURCES = [
  'app',
  'pages',
  'lib',
  'public',
  'proxy.ts',
  'instrumentation.ts',
  'instrumentation-client.ts',
  'next.config.js',
  'package-lock.json',
  'prisma/schema.prisma',
  'prisma/postgresql/schema.prisma',
]

/** Newest modification time among the files that make up the build (generated clients aside). */
function newestSourceMtime(root) {
  let newest = 0
  const visit = (p) => {
    if (!fs.existsSync(p)) return
    const stat = fs.statSync(p)
    if (stat.isDirectory()) {
      if (p.endsWith('generated')) return
      for (const child of fs.readdirSync(p)) visit(path.join(p, child))
    } else newest = Math.max(newest, stat.mtimeMs)
  }
  for (const entry of BUILD_SOURCES) visit(path.join(root, entry))
  return newest
}

/** True when `distDir` has no build, or one older than a source. */
export function buildIsStale(root, distDir) {
  const buildId = path.join(root, distDir, 'BUILD_ID')
  if (!fs.existsSync(buildId)) return true
  return newestSourceMtime(root) > fs.statSync(buildId).mtimeMs
}
