import { apiRoute } from '@/lib/http/api-route'
import { getStats } from '@/lib/stats/queries'
import { getStatsRoute } from '@/lib/stats/routes'

export const dynamic = 'force-dynamic'

export const GET = apiRoute(getStatsRoute, ({ viewer, query }) => getStats(viewer, query))
