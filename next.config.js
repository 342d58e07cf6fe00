// The design card names next.config.js at the top level; the JSDoc type keeps it checked by tsc (allowJs).
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and server-only packages stay outside the bundle.
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3', '@node-rs/argon2', 'recheck'],
  // Lets tests and benchmarks build into their own folder without touching the developer's .next.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  typedRoutes: false,
  // `npm test` runs `tsc --noEmit` over the whole tree first; the build need not check it again.
  typescript: { ignoreBuildErrors: true },
  // `import 'server-only'` marks lib/ modules that must never reach a browser. Next resolves it to an
  // empty module under the react-server condition (App Router server code); the Pages Router API
  // route of POST /api/reports (lib/http/node-route.ts) is server code without that condition, so
  // on Node it resolves to the same empty module. Browser bundles keep the module that throws.
  turbopack: { resolveAlias: { 'server-only': { node: './node_modules/server-only/empty.js' } } },
  transpilePackages: ['server-only'],
  // Headers that do not vary per request (issue 17): Next applies them from the build's routes
  // manifest on every response, without running proxy.ts, which now sees only pages (per-request
  // CSP nonce). The module is ES, hence the dynamic import; lib/security/headers.ts reads the same.
  async headers() {
    const { headerRoutes } = await import('./lib/security/header-policy.mjs')
    return headerRoutes()
  },
}

module.exports = nextConfig
