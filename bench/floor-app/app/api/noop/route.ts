// The no-op routes: what a route handler of this Next version costs with nothing behind it. The
// POST reads and parses the JSON body, as POST /api/reports must.
export const dynamic = 'force-dynamic'

export function GET() {
  return Response.json({ ok: true })
}

export async function POST(request: Request) {
  const body: unknown = await request.json()
  return Response.json({ ok: typeof body === 'object' }, { status: 201 })
}
