import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import nodemailer, { type Transporter } from 'nodemailer'
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server'

// A real SMTP server in the test process (smtp-server), every message parsed with mailparser.
// `refuse` lets a test answer the next messages with an SMTP error (421, 550…).

export interface TestSmtp {
  port: number
  url: string
  received: ParsedMail[]
  /** Answers the next `times` messages with `code` (then accepts again). */
  refuse(code: number, times: number): void
  /** Stops listening (connections are refused) until `listen()` again, on the same port. */
  stop(): Promise<void>
  listen(): Promise<void>
  /** A nodemailer transport to this server, as lib/mail/worker.ts builds one from SMTP_URL. */
  transport(): Transporter
  /** Runs `work` with a fresh transport, closed afterwards. */
  withTransport<T>(work: (transport: Transporter) => Promise<T>): Promise<T>
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>
}

export async function startTestSmtp(port = 0): Promise<TestSmtp> {
  const received: ParsedMail[] = []
  let refusals: { code: number; times: number } = { code: 0, times: 0 }
  let server: SMTPServer

  const onData = (stream: SMTPServerDataStream, _session: SMTPServerSession, callback: (err?: Error | null) => void) => {
    simpleParser(stream).then(
      (mail) => {
        if (refusals.times > 0) {
          refusals.times--
          const error = Object.assign(new Error(`Refused for the test (${refusals.code})`), { responseCode: refusals.code })
          return callback(error)
        }
        received.push(mail)
        callback()
      },
      (error: Error) => callback(error),
    )
  }
  const create = () => {
    const created = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false, closeTimeout: 200, onData })
    // A client killed mid-session (the SIGKILL test) resets its connections: expected, not a failure.
    created.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') throw error
    })
    return created
  }
  const listen = async () => {
    server = create()
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
    port = (server.server.address() as AddressInfo).port
  }
  await listen()

  const smtp: TestSmtp = {
    get port() {
      return port
    },
    get url() {
      return `smtp://127.0.0.1:${port}`
    },
    received,
    refuse(code, times) {
      refusals = { code, times }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    listen,
    transport: () => nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: true, maxConnections: 3 }),
    async withTransport(work) {
      const transport = smtp.transport()
      try {
        return await work(transport)
      } finally {
        transport.close()
      }
    },
    async waitFor(count, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs
      while (received.length < count) {
        if (Date.now() > until) throw new Error(`Expected ${count} messages, got ${received.length}`)
        await new Promise((r) => setTimeout(r, 20))
      }
      return received
    },
  }
  return smtp
}

/** Every link of a message's text part. */
export function linksOf(mail: ParsedMail): URL[] {
  return [...(mail.text ?? '').matchAll(/https?:\/\/\S+/g)].map((m) => new URL(m[0]))
}
