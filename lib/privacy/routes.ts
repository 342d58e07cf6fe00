import { z } from 'zod'
import { defineRoute } from '@/lib/http/api-contract'
import { personQuerySchema } from './schemas'

// The personal-data export (lib/http/api-contract.ts): posted by the /admin/donnees form or as JSON.

export const personalDataExportSchema = z
  .looseObject({
    query: personQuerySchema,
    exportedAt: z.iso.datetime(),
    tickets: z.array(z.looseObject({ reference: z.string(), createdAt: z.iso.datetime() })),
  })
  .meta({ id: 'PersonalDataExport', description: 'Téléchargé en pièce jointe (Content-Disposition).' })

export const exportPersonalDataRoute = defineRoute({
  operationId: 'exportPersonalData',
  method: 'post',
  path: '/api/admin/donnees/export',
  summary: 'Exporter les données d’une personne, par e-mail ou identifiant (ADMIN)',
  tag: 'Administration',
  access: 'ADMIN',
  body: { schema: personQuerySchema, maxBytes: 4 * 1024, kinds: ['json', 'form'] },
  success: { status: 200, description: 'Les données de la personne (fichier JSON)', schema: personalDataExportSchema },
})

export const privacyRoutes = [exportPersonalDataRoute]
