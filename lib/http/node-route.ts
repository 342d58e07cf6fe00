import 'server-only'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { getRequestMeta } from 'next/dist/server/request-meta'
import type { ApiRoute } from './api-contract'
import { withPrereadBody } from './json-body'

// Serves a route handler of ours (a web Request → Response function, lib/http/api-route.ts) as a
// Pages Router API route, for the one endpoint where the framework's cost per request decides what
// a school can absorb at back-to-school: POST /api/reports (issue 17, bench/RESULTS.md). Next's App
// Router wraps every request in a web Request with a streamed body, an AbortSignal and its request
// stores, then streams the Response back: ~1.3 ms of CPU for a no-op POST on the bench machine,
// against ~0.55 ms for the same no-op as a Pages Router API route. Same server, same next.config.js
// headers, same proxy.ts matcher; the edge's checks stay in lib/http/api-route.ts, unchanged: this
// only hands them a Request built from the Node request, and writes their Response back.
//
// The body is read here, at most `maxBytes + 1` bytes of it, and handed to the edge's body reader
// with the Request (no web stream is made for it), so the edge still decides 413 (on the declared
// Content-Length, or on the bytes it is given), 415 and 400 exactly as for App Router routes. The
// route file turns Next's own body parser off: `export const config = { api: { bodyParser: false,
// externalResolver: true } }` (a literal: Next reads it at build time).

/**
 * At most `maxBytes + 1` bytes of the body (enough for the edge to answer 413), or 'broken'.
 * `unread`: the client is still sending a body nobody will read: the connection must close after
 * the answer, or the rest of that body would be parsed as its next request.
 */
async function cappedBody(req: IncomingMessage, maxBytes: number): Promise<{ body: Uint8Array<ArrayBuffer> | 'broken'; unread: boolean }> {
  // Declared too large: not read at all, the edge refuses on the header.
  if (Number(req.headers['content-length']) > maxBytes) return { body: new Uint8Array(0), unread: true }
  // Already read by someone else (nothing of ours does): no body the edge could check.
  if (req.readableEnded) return { body: 'broken', unread: false }
  const chunks: Buffer[] = []
  let size = 0
  return new Promise((resolve) => {
    const done = (body: Uint8Array<ArrayBuffer> | 'broken', unread: boolean) => {
      req.off('data', onData).off('end', onEnd).off('error', onBroken).off('close', onBroken)
      resolve({ body, unread })
    }
    const onData = (chunk: Buffer) => {
      chunks.push(chunk)
      size += chunk.byteLength
      if (size > maxBytes) {
        req.pause()
        done(Buffer.concat(chunks, size) as Uint8Array<ArrayBuffer>, true)
      }
    }
    const onEnd = () => done(Buffer.concat(chunks, size) as Uint8Array<ArrayBuffer>, false)
    // The client went away mid-body (an error, or the request closed before its end): the edge
    // answers 400, to nobody.
    const onBroken = () => done('broken', true)
    req.on('data', onData).on('end', onEnd).on('error', onBroken).on('close', onBroken)
  })
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    if (Array.isArray(value)) for (const v of value) headers.append(name, v)
    else headers.set(name, value)
  }
  return headers
}

/** The URL Next gives an App Router handler for this request (its own `initURL`), else the Host's. */
function urlOf(req: IncomingMessage): string {
  const initial = getRequestMeta(req, 'initURL')
  return new URL(initial || req.url || '/', `http://${req.headers.host ?? 'localhost'}`).href
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status
  for (const [name, value] of response.headers) if (name !== 'set-cookie') res.setHeader(name, value)
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 0) res.setHeader('set-cookie', cookies)
  res.end(Buffer.from(await response.arrayBuffer()))
}

/** The Pages Router handler (default export) of `route`'s web handler (the `apiRoute` of it). */
export function nodeRoute(route: ApiRoute, handler: (request: Request) => Promise<Response>) {
  const method = route.method.toUpperCase()
  const maxBytes = route.body?.maxBytes ?? 0
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // As the App Router answers a method a route file does not export.
    if (req.method !== method) {
      res.writeHead(405, { Allow: method }).end()
      return
    }
    const { body, unread } = await cappedBody(req, maxBytes)
    const request = withPrereadBody(new Request(urlOf(req), { method: req.method, headers: headersOf(req) }), body)
    if (unread) res.setHeader('Connection', 'close')
    await writeResponse(res, await handler(request))
  }
}
