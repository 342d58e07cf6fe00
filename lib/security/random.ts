import 'server-only'
import crypto from 'node:crypto'

// Random bytes for what a new report draws (its reference, its tracking token, the IV that seals
// the token in its acknowledgement, its records' ids), and ids of records written outside Prisma.
//
// Drawn from the CSPRNG 4 kB at a time, each byte handed out once, as Node does for randomUUID():
// one call into OpenSSL per ~70 reports instead of four per report (the four were 3 % of a report's
// server CPU, bench/RESULTS.md 2 December). The pool lives in this process's memory only; every
// server process (WEB_CONCURRENCY) starts its own.

const POOL_BYTES = 4096
let pool = Buffer.alloc(0)
let offset = 0

/** `size` bytes from the CSPRNG (a fresh copy: callers may keep or change it). */
export function randomBytes(size: number): Buffer {
  if (size > POOL_BYTES / 8) return crypto.randomBytes(size)
  if (offset + size > pool.length) {
    pool = crypto.randomBytes(POOL_BYTES)
    offset = 0
  }
  const bytes = Buffer.from(pool.subarray(offset, offset + size))
  pool.fill(0, offset, offset + size)
  offset += size
  return bytes
}

/** A cuid-shaped id, like the records' `@default(cuid())`: 'c' + time + randomness. */
export function newRecordId(): string {
  return `c${Date.now().toString(36)}${randomBytes(12).toString('hex')}`.slice(0, 25)
}
