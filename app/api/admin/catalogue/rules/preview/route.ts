import { apiRoute } from '@/lib/http/api-route'
import { previewRule } from '@/lib/rules/apply'
import { previewRuleRoute } from '@/lib/rules/routes'

export const dynamic = 'force-dynamic'

export const POST = apiRoute(previewRuleRoute, ({ viewer, body }) => previewRule(viewer, body))
