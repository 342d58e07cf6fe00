import 'server-only'
import { env } from '@/lib/env'
import { startMailWorker } from './worker'

// The delivery worker of a server process: started once by instrumentation.ts, stopped by the
// SIGTERM drain of scripts/server.mjs (through globalThis, as the database close is) after the
// in-flight requests, before the database closes.

const slot = globalThis as { __relaisStopMail?: () => Promise<void> }

export function startServerMailWorker(): void {
  if (slot.__relaisStopMail || env().NEXT_PHASE === 'phase-production-build') return
  const worker = startMailWorker()
  slot.__relaisStopMail = async () => {
    slot.__relaisStopMail = undefined
    await worker.stop()
  }
}
