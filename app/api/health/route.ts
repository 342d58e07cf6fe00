import { databaseProvider, isDatabaseReachable } from '@/lib/health'

export const dynamic = 'force-dynamic'

export async function GET() {
  const dbOk = await isDatabaseReachable()
  return Response.json(
    { status: dbOk ? 'ok' : 'error', db: dbOk ? 'ok' : 'error', provider: databaseProvider() },
    { status: dbOk ? 200 : 503 },
  )
}
