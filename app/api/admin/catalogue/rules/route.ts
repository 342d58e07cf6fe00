import { apiRoute } from '@/lib/http/api-route'
import { createRule } from '@/lib/rules/mutations'
import { listRules } from '@/lib/rules/queries'
import { createRuleRoute, listRulesRoute } from '@/lib/rules/routes'

export const dynamic = 'force-dynamic'

export const GET = apiRoute(listRulesRoute, ({ viewer }) => listRules(viewer))
export const POST = apiRoute(createRuleRoute, ({ viewer, body }) => createRule(viewer, body))
