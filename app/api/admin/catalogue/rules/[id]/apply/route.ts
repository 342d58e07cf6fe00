import { apiRoute } from '@/lib/http/api-route'
import { applyRule } from '@/lib/rules/apply'
import { applyRuleRoute } from '@/lib/rules/routes'

export const POST = apiRoute(applyRuleRoute, ({ viewer, params, query }) => applyRule(viewer, params.id ?? '', query))
