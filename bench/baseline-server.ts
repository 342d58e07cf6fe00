// The bare stack for `npm run bench`: what POST /api/reports costs without the framework and ORM.
// A node:http server that reads the same JSON (same size cap), validates it with the same zod
// schema, classifies it with the same classifier and writes the same rows with its own writer
// (bench/raw-writer.ts, a copy of the app's rows: ticket, CREATED event, and the EntFailure record of an ENT identity
// report) on a plain better-sqlite3 connection, with the same durability settings and the same
// group commit as the app (the reports of one event-loop turn in one transaction, a savepoint each,
// 201 after the commit).
// Run with: tsx --conditions=react-server bench/baseline-server.ts  (PORT, DATABASE_URL)

import http from 'node:http'
import { classify } from '../lib/catalogue/classify'
import { createdReport, toCreatedReportJson, trackingPath } from '../lib/reports/dto'
import { generateReference, generateTrackingToken, hashTrackingToken } from '../lib/reports/reference'
import { reportSchema } from '../lib/reports/schemas'
import { newTicketWriter } from './raw-writer'
import { groupCommit, openDatabase } from './raw-store'

const MAX_BODY = 16 * 1024
const port = Number(process.env.PORT ?? 3299)
const file = (process.env.DATABASE_URL ?? '').replace(/^file:/, '')
if (!file) throw new Error('DATABASE_URL is required')

const sqlite = openDatabase(file)
const submit = groupCommit(sqlite, newTicketWriter(sqlite))

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers })
  res.end(text)
}

function handle(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer) {
  let input: unknown
  try {
    input = JSON.parse(raw.toString('utf8'))
  } catch {
    return send(res, 400, { error: 'invalid_request' })
  }
  const parsed = reportSchema.safeParse(input)
  if (!parsed.success) return send(res, 400, { error: 'invalid_request', issues: parsed.error.issues })
  const r = parsed.data
  const verdict = classify(r.message)
  const token = generateTrackingToken()
  const reference = generateReference()
  submit({ reference, tokenHash: hashTrackingToken(token), report: r, verdict }, (error) => {
    if (error) {
      console.error(error)
      return send(res, 500, { error: 'internal' })
    }
    const created = createdReport(reference, token, verdict)
    const url = `http://${req.headers.host ?? 'localhost'}${trackingPath(reference, token)}`
    send(res, 201, toCreatedReportJson(created, url), { 'cache-control': 'no-store' })
  })
}

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/api/reports') return send(res, 404, { error: 'not_found' })
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, { error: 'unsupported_media_type' })
  const chunks: Buffer[] = []
  let size = 0
  req.on('data', (c: Buffer) => {
    size += c.length
    if (size <= MAX_BODY) chunks.push(c)
  })
  req.on('end', () => {
    if (size > MAX_BODY) return send(res, 413, { error: 'payload_too_large' })
    try {
      handle(req, res, Buffer.concat(chunks))
    } catch (error) {
      console.error(error)
      send(res, 500, { error: 'internal' })
    }
  })
})
server.keepAliveTimeout = 65_000
server.listen(port, '127.0.0.1', () => console.log(`baseline listening on ${port}`))
process.on('SIGTERM', () => {
  server.close()
  server.closeAllConnections()
  sqlite.close()
  process.exit(0)
})
