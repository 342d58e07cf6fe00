// The framework floor of `npm run bench` (issue 17): a Next app with nothing of Relais in it, built
// with the same `next` package (the repository's node_modules) and served by `next start`.
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '../..')

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Its own build folder beside its sources; git, tsc and eslint of the repository ignore it.
  distDir: '.next',
  // The modules come from the repository's node_modules, two folders up.
  turbopack: { root },
  outputFileTracingRoot: root,
  typescript: { ignoreBuildErrors: true },
}

export default nextConfig
