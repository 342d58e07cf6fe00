import { spawn } from 'node:child_process'
import http from 'node:http'
import net from 'node:net'

// Requests with full control over headers (fetch refuses to set Host) and sockets that misbehave on
// purpose, for the production server tests.

export interface RawResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

export function rawRequest(url: string, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; agent?: http.Agent }): Promise<RawResponse> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers, agent: opts.agent }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(opts.body)
  })
}

/**
 * A JSON POST to `url` sent but for its last byte: the server has it in flight (a request it must
 * finish, e.g. through a SIGTERM drain) until `finish()` sends that byte.
 */
export function heldRequest(url: string, body: string) {
  const req = http.request(url, {
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  })
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = ''
      res.on('data', (chunk: Buffer) => (text += chunk.toString()))
      res.on('end', () => resolve({ status: res.statusCode!, body: text }))
    })
    req.on('error', reject)
  })
  req.write(body.slice(0, -1))
  const connected = new Promise<void>((resolve) => req.on('socket', (socket) => socket.on('connect', () => resolve())))
  return { connected, answer, finish: () => req.end(body.slice(-1)) }
}

/**
 * Sends `head` at once, then one byte of `trickle` per second. Resolves with how long the server
 * kept the connection and what it answered.
 */
export function trickle(url: string, head: string, trickleBytes: string): Promise<{ heldMs: number; answer: string }> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve) => {
    const started = performance.now()
    let answer = ''
    let timer: NodeJS.Timeout | undefined
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(head)
      let i = 0
      timer = setInterval(() => {
        if (!socket.writable) return
        socket.write(trickleBytes[i % trickleBytes.length]!)
        i++
      }, 1000)
    })
    socket.on('data', (d) => (answer += d.toString()))
    socket.on('error', () => {})
    socket.on('close', () => {
      clearInterval(timer)
      resolve({ heldMs: performance.now() - started, answer })
    })
  })
}

/** Opens `count` idle connections; resolves once each is connected or refused (answered and closed). */
export async function openIdle(url: string, count: number): Promise<{ sockets: net.Socket[]; refused: string[] }> {
  const { hostname, port } = new URL(url)
  const sockets: net.Socket[] = []
  const refused: string[] = []
  await Promise.all(
    Array.from({ length: count }, () => new Promise<void>((resolve) => {
      const socket = net.connect(Number(port), hostname)
      let answer = ''
      socket.on('data', (d) => (answer += d.toString()))
      socket.on('error', () => {})
      socket.on('close', () => {
        if (answer) refused.push(answer)
        resolve()
      })
      socket.on('connect', () => {
        sockets.push(socket)
        // A refused connection is answered and closed at once; give that a moment to arrive.
        setTimeout(resolve, 500)
      })
    })),
  )
  return { sockets: sockets.filter((s) => !s.destroyed && s.readyState === 'open'), refused }
}

// The poller runs in a process of its own: the test process's own work (building a 5 MB upload,
// parsing a large answer) must not be counted as the server's slowness.
const POLLER = `
const http = require('node:http')
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
const [url, every] = [process.argv[1], Number(process.argv[2])]
let running = true, maxMs = 0, count = 0
process.stdin.on('end', () => (running = false)).resume()
;(async () => {
  while (running) {
    const t = performance.now()
    await new Promise((resolve, reject) => http.get(url + '/api/health', { agent }, (res) => res.resume().on('end', resolve)).on('error', reject))
    maxMs = Math.max(maxMs, performance.now() - t)
    count++
    await new Promise((r) => setTimeout(r, every))
  }
  process.stdout.write(JSON.stringify({ maxMs, count }))
  agent.destroy()
})()
`

/** Polls GET /api/health on one kept-alive connection until stopped; the slowest answer, in ms. */
export function pollHealth(url: string, everyMs = 50): { stop: () => Promise<{ maxMs: number; count: number }> } {
  const child = spawn(process.execPath, ['-e', POLLER, url, String(everyMs)], { stdio: ['pipe', 'pipe', 'inherit'] })
  let out = ''
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  return {
    stop: async () => {
      child.stdin!.end()
      await exited
      return JSON.parse(out) as { maxMs: number; count: number }
    },
  }
}
