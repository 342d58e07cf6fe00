import type { NextApiRequest, NextApiResponse } from 'next'

// The same no-op POST as app/api/noop, as a Pages Router API route: the reference for Relais's
// POST /api/reports, which the Pages Router serves (lib/http/node-route.ts). Its JSON body is read
// and parsed, by Next's own body parser.
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') return res.status(405).setHeader('Allow', 'POST').end()
  const body: unknown = req.body
  res.status(201).json({ ok: typeof body === 'object' })
}
