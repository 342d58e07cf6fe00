import { z } from 'zod'
import { categoryCodes } from '@/lib/catalogue/types'
import type { FailureCode } from '@/lib/result'

// The published contract of the JSON API (issue 12). Each route is declared once, with the zod
// schemas its lib function parses with: lib/http/api-route.ts serves it from that declaration and
// lib/api/openapi.ts documents it from the same one. A new endpoint is a new declaration in its
// domain's routes.ts, listed in lib/api/routes.ts. Pure: schemas and types only.

// Default messages of zod (an unexpected key, a wrong type of the whole body) in French, like ours.
z.config(z.locales.fr())

export type Access = 'public' | 'AGENT' | 'ADMIN'

export type BodyKind = 'json' | 'form' | 'multipart'

/** Body size limits, in bytes: refused on Content-Length and while streaming (lib/http/json-body.ts). */
export const bodyLimits = {
  /** Public JSON API: a report is a few kilobytes. */
  publicJson: 16 * 1024,
  /** Admin JSON API (ticket update: note ≤ 5,000 characters, message ≤ 2,000). */
  adminJson: 64 * 1024,
  /** PRONOTE directory export (CSV in a multipart upload): a large school's file is well under 1 MB. */
  directoryImport: 5 * 1024 * 1024,
} as const

export interface ApiRoute {
  operationId: string
  method: 'get' | 'post' | 'patch' | 'delete'
  /** OpenAPI path template: `/api/admin/tickets/{reference}`. */
  path: `/api/${string}`
  summary: string
  tag: string
  access: Access
  params?: z.ZodObject
  query?: z.ZodObject
  body?: { schema: z.ZodType; maxBytes: number; kinds?: BodyKind[] }
  success: { status: 200 | 201; description: string; schema: z.ZodType; mediaType?: string }
  /** Outcomes of the lib call besides success (the edge's own refusals are added from the rest). */
  failures?: FailureCode[]
  /** Counted by a rate limit (429 with Retry-After). */
  rateLimited?: boolean
}

export function defineRoute<const R extends ApiRoute>(route: R): R {
  return route
}

export const issueSchema = z
  .object({
    path: z.array(z.string()).meta({ description: 'Chemin du champ en cause ; vide pour le contenu entier.' }),
    message: z.string().meta({ description: 'Message en français.' }),
  })
  .meta({ id: 'Issue' })

export const invalidRequestSchema = z
  .object({ error: z.literal('invalid_request'), issues: z.array(issueSchema).min(1) })
  .meta({ id: 'InvalidRequest' })

export const errorSchema = z
  .object({
    error: z.string().meta({ description: 'Code stable : not_found, conflict, unauthenticated…' }),
    message: z.string().meta({ description: 'Message en français, à montrer tel quel.' }),
    retryAfterSeconds: z.number().int().optional().meta({ description: 'Avec 429 : secondes à attendre.' }),
  })
  .meta({ id: 'Error' })

/** Response pieces shared by several domains. */
export const selfHelpSchema = z.object({ title: z.string(), steps: z.array(z.string()) }).meta({ id: 'SelfHelp' })

export const evidenceSchema = z
  .object({
    text: z.string(),
    signal: z.string(),
    category: z.enum(categoryCodes),
    variant: z.string().optional(),
    start: z.number().int(),
    end: z.number().int(),
    rule: z.string().optional().meta({ description: 'Identifiant de la règle de l’établissement qui a reconnu ce passage.' }),
  })
  .meta({ id: 'Evidence' })

/** Every failure a route can answer: its own lib outcomes plus the edge's refusals. */
export function failuresOf(route: ApiRoute): FailureCode[] {
  const codes = new Set<FailureCode>(route.failures ?? [])
  if (route.method !== 'get') codes.add('CROSS_ORIGIN')
  if (route.access !== 'public') codes.add('UNAUTHENTICATED').add('FORBIDDEN')
  if (route.body) codes.add('VALIDATION').add('PAYLOAD_TOO_LARGE').add('UNSUPPORTED_MEDIA_TYPE')
  if (route.rateLimited) codes.add('RATE_LIMITED')
  return [...codes]
}
