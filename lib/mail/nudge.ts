// Wakes the delivery worker of this process, if one runs, after a commit that queued a message, so
// an acknowledgement leaves within milliseconds instead of at the next poll. No-op otherwise.

const slot = globalThis as { __relaisMailNudge?: () => void }

export function nudgeMailDelivery(): void {
  slot.__relaisMailNudge?.()
}

export function setMailNudge(nudge: (() => void) | undefined): void {
  slot.__relaisMailNudge = nudge
}
