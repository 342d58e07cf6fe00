// Production HTTP server: Next.js behind a plain node:http server so that
// - the client's socket address reaches the app in a header nobody outside can forge
//   (Next.js itself only fills x-forwarded-for when the client did not send one), and
// - SIGTERM drains in-flight requests, lets the mail worker finish the messages it is sending, then
//   closes the database before exiting.
import http from 'node:http'
import path from 'node:path'
import next from 'next'

export const CLIENT_ADDRESS_HEADER = 'x-relais-client-address'

export async function startServer({ port, hostname = '0.0.0.0', dir = path.resolve(import.meta.dirname, '..') }) {
  const app = next({ dev: false, dir, port, hostname })
  await app.prepare()
  const handle = app.getRequestHandler()

  const server = http.createServer((req, res) => {
    req.headers[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress ?? ''
    handle(req, res)
  })
  server.keepAliveTimeout = 65_000
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
