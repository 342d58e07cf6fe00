import { NextResponse } from 'next/server'

// Inert (see instrumentation.ts): its matcher names no path of this app, so it never runs. Next's
// router still tests the matcher on each request, as it does for Relais.
export function proxy() {
  return NextResponse.next()
}

export const config = { matcher: '/__floor-app-has-no-proxy' }
