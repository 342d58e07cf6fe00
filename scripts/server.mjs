// Production HTTP server: Next.js behind a plain node:http server so that
// - the client's socket address reaches the app in a header nobody outside can forge
//   (Next.js itself only fills x-forwarded-for when the client did not send one),
// - X-Forwarded-* headers reach Next only behind a proxy of ours (TRUST_PROXY=1): Next builds the
//   request URL's scheme from X-Forwarded-Proto, which any client could otherwise send,
// - a slow client cannot hold connections (issue 11, finding 6): the request head must arrive within
//   20 s and the whole request within 30 s, and one address keeps at most
//   MAX_CONNECTIONS_PER_ADDRESS connections open (default 256: a school is often one address), and
// - SIGTERM drains in-flight requests, lets the mail worker finish the messages it is sending, then
//   closes the database before exiting, and
// - HSTS is sent over https: whether we are served over https depends on this deployment's settings
//   (a public address in https, or a trusted proxy's X-Forwarded-Proto), not on the build, so the
//   fixed headers of next.config.js cannot carry it and proxy.ts sees only pages (issue 17).
import http from 'node:http'
import path from 'node:path'
import next from 'next'
import { servedOverHttps, STRICT_TRANSPORT_SECURITY } from '../lib/security/header-policy.mjs'

export const CLIENT_ADDRESS_HEADER = 'x-relais-client-address'
export const HEADERS_TIMEOUT_MS = 20_000
export const REQUEST_TIMEOUT_MS = 30_000
const FORWARDED_HEADERS = ['x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-port', 'x-forwarded-for', 'forwarded']

const trustProxy = () => ['1', 'true'].includes(process.env.TRUST_PROXY ?? '')

function maxConnectionsPerAddress() {
  const value = Number(process.env.MAX_CONNECTIONS_PER_ADDRESS)
  return Number.isInteger(value) && value > 0 ? value : 256
}

const TOO_MANY_CONNECTIONS =
  'HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nRetry-After: 10\r\nConnection: close\r\n\r\n' +
  'Trop de connexions ouvertes depuis votre adresse. Réessayez dans quelques secondes.\n'

/**
 * Refuses a connection beyond the per-address cap with a 503. Behind a trusted proxy every
 * connection comes from the proxy, which must apply its own cap.
 */
function capConnectionsPerAddress(server) {
  if (trustProxy()) return
  const max = maxConnectionsPerAddress()
  const open = new Map()
  server.on('connection', (socket) => {
    const address = socket.remoteAddress ?? ''
    const count = (open.get(address) ?? 0) + 1
    open.set(address, count)
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1
      if (left > 0) open.set(address, left)
      else open.delete(address)
    })
    if (count > max) socket.end(TOO_MANY_CONNECTIONS)
  })
}

export async function startServer({ port, hostname = '0.0.0.0', dir = path.resolve(import.meta.dirname, '..') }) {
  const app = next({ dev: false, dir, port, hostname })
  await app.prepare()
  const handle = app.getRequestHandler()

  const forwardedTrusted = trustProxy()
  // An https public address (APP_ORIGIN, else NEXTAUTH_URL, as lib/env.ts reads them) means every
  // answer is seen over https; otherwise only a trusted proxy can say so, per request.
  const alwaysHttps = servedOverHttps({ forwardedProto: null, trustProxy: false, publicUrls: [process.env.APP_ORIGIN, process.env.NEXTAUTH_URL] })
  const https = (req) => alwaysHttps || (forwardedTrusted && servedOverHttps({ forwardedProto: req.headers['x-forwarded-proto'], trustProxy: true, publicUrls: [] }))
  const server = http.createServer(
    // Timeouts are checked every second (Node's default, 30 s, would let a slow client stay twice as long).
    { headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 1_000 },
    (req, res) => {
      req.headers[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress ?? ''
      if (!forwardedTrusted) for (const name of FORWARDED_HEADERS) delete req.headers[name]
      if (https(req)) res.setHeader('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY)
      handle(req, res)
    },
  )
  server.keepAliveTimeout = 65_000
  capConnectionsPerAddress(server)
  await new Promise((resolve) => server.listen(port, hostname, resolve))
  console.log(`Relais prêt sur http://localhost:${port}`)

  let closing = false
  const shutdown = async (signal) => {
    if (closing) return
    closing = true
    console.log(`${signal} reçu : fin des requêtes en cours puis arrêt.`)
    server.close()
    server.closeIdleConnections()
    const forceTimer = setTimeout(() => server.closeAllConnections(), 10_000).unref()
    await new Promise((resolve) => server.on('close', resolve))
    clearTimeout(forceTimer)
    await Promise.race([globalThis.__relaisStopMail?.(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())])
    await globalThis.__relaisCloseDatabase?.()
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
  return server
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await startServer({ port: Number(process.env.PORT || 3000) })
}
