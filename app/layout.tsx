import type { Metadata, Viewport } from 'next'
import './globals.css'

export const metadata: Metadata = {
  title: { default: 'Relais — aide à la connexion PRONOTE', template: '%s · Relais' },
  description: "Signalez un problème de connexion à PRONOTE et obtenez tout de suite un diagnostic.",
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 }

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="fr">
      <body>{children}</body>
    </html>
  )
}
