import type { Metadata, Viewport } from 'next'
import { connection } from 'next/server'
import './globals.css'

export const metadata: Metadata = {
  title: { default: 'Relais — aide à la connexion PRONOTE', template: '%s · Relais' },
  description: "Signalez un problème de connexion à PRONOTE et obtenez tout de suite un diagnostic.",
  // public/: the form can be added to a phone's home screen (issue 12); browsers stop asking for a
  // missing /favicon.ico on every page.
  manifest: '/manifest.webmanifest',
  icons: {
    icon: [
      { url: '/favicon.ico', sizes: '16x16 32x32 48x48' },
      { url: '/icon.svg', type: 'image/svg+xml' },
    ],
    apple: '/icon-192.png',
  },
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#1f5fbf' }

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request so Next.js can stamp this request's CSP nonce (proxy.ts) on its scripts.
  await connection()
  return (
    <html lang="fr">
      <body>{children}</body>
    </html>
  )
}
