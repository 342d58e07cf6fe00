import type { Metadata, Viewport } from 'next'
import { connection } from 'next/server'
import './globals.css'

export const metadata: Metadata = {
  title: { default: 'Relais — aide à la connexion PRONOTE', template: '%s · Relais' },
  description: "Signalez un problème de connexion à PRONOTE et obtenez tout de suite un diagnostic.",
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 }

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request so Next.js can stamp this request's CSP nonce (proxy.ts) on its scripts.
  await connection()
  return (
    <html lang="fr">
      <body>{children}</body>
    </html>
  )
}
