import { z } from 'zod'
import { categoryCodes } from '@/lib/catalogue/types'
import { defineRoute } from '@/lib/http/api-contract'
import { ageBrackets } from '@/lib/tickets/age'
import { closedStatuses, ticketStatuses } from '@/lib/tickets/status'
import { statsQuerySchema } from './schemas'

// The dashboard's JSON API and its CSV tables (issue 16; lib/http/api-contract.ts).

const perCategory = <T extends z.ZodType>(value: T) => z.object(Object.fromEntries(categoryCodes.map((c) => [c, value])) as Record<(typeof categoryCodes)[number], T>)
const openStatuses = ticketStatuses.filter((s) => !closedStatuses.includes(s))
const minutes = z.number().int().nullable().meta({ description: 'Minutes ; null sans signalement concerné.' })

export const statsSchema = z
  .object({
    from: z.string().meta({ example: '2026-09-01', description: 'Premier jour (heure de Paris), inclus.' }),
    to: z.string().meta({ example: '2026-09-30', description: 'Dernier jour (heure de Paris), inclus.' }),
    bucket: z.enum(['hour', 'day']),
    series: z.array(z.object({ start: z.iso.datetime().meta({ description: 'Début de l’heure ou du jour de Paris (UTC).' }), counts: perCategory(z.number().int()) })),
    totals: perCategory(z.number().int()),
    backlog: z.object({
      byStatus: z.object(Object.fromEntries(openStatuses.map((s) => [s, z.number().int()]))),
      byAge: z.object(Object.fromEntries(ageBrackets.map((a) => [a, z.number().int()]))),
    }),
    service: perCategory(
      z.object({
        n: z.number().int(),
        resolvedShare: z.number().nullable().meta({ description: 'Part résolue (0 à 1) ; null sans signalement.' }),
        firstActionP50Min: minutes,
        firstActionP90Min: minutes,
        resolutionP50Min: minutes,
        resolutionP90Min: minutes,
      }),
    ),
  })
  .meta({ id: 'Stats' })

export const getStatsRoute = defineRoute({
  operationId: 'getStats',
  method: 'get',
  path: '/api/admin/stats',
  summary: 'Tableau de bord : signalements par heure ou par jour et par catégorie, file ouverte, délais de traitement',
  tag: 'Administration',
  access: 'AGENT',
  query: statsQuerySchema,
  success: { status: 200, description: 'Les chiffres de la période (au plus 366 jours ; par heure : 14 jours)', schema: statsSchema },
  failures: ['VALIDATION'],
})

export const dashboardTables = ['series', 'backlog', 'service', 'self-help', 'last-year'] as const

export const exportStatsRoute = defineRoute({
  operationId: 'exportStats',
  method: 'get',
  path: '/api/admin/stats/export',
  summary: 'Export CSV d’un tableau du tableau de bord (séries, file ouverte, service, auto-dépannage, année précédente)',
  tag: 'Administration',
  access: 'AGENT',
  query: statsQuerySchema.safeExtend({ table: z.enum(dashboardTables, { message: 'Tableau inconnu.' }) }),
  success: { status: 200, description: 'Fichier CSV (UTF-8 avec BOM, séparateur « ; »)', schema: z.string(), mediaType: 'text/csv' },
  failures: ['VALIDATION'],
})

export const statsRoutes = [getStatsRoute, exportStatsRoute]
