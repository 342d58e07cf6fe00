import { apiRoute } from '@/lib/http/api-route'
import { deleteRule, updateRule } from '@/lib/rules/mutations'
import { deleteRuleRoute, updateRuleRoute } from '@/lib/rules/routes'

export const PATCH = apiRoute(updateRuleRoute, ({ viewer, params, body }) => updateRule(viewer, params.id ?? '', body))
export const DELETE = apiRoute(deleteRuleRoute, ({ viewer, params }) => deleteRule(viewer, params.id ?? ''))
