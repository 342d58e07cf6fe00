import { z } from 'zod'
import { bodyLimits, defineRoute } from '@/lib/http/api-contract'

// The directory import (lib/http/api-contract.ts): a PRONOTE export in a multipart upload.

const flag = z.enum(['true', 'false', '1', '0', 'on', 'yes']).optional().meta({ description: 'Simulation : rien n’est enregistré.' })

export const directoryImportFormSchema = z.object({
  file: z.string().meta({ format: 'binary', description: 'Export CSV de l’annuaire PRONOTE (5 Mo au plus)' }),
  dryRun: flag,
})

export const directoryImportResultSchema = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
  })
  .meta({ id: 'DirectoryImportResult' })

export const importDirectoryRoute = defineRoute({
  operationId: 'importDirectory',
  method: 'post',
  path: '/api/admin/directory/import',
  summary: 'Importer l’annuaire PRONOTE (ADMIN)',
  tag: 'Administration',
  access: 'ADMIN',
  query: z.object({ dryRun: flag }),
  body: { schema: directoryImportFormSchema, maxBytes: bodyLimits.directoryImport, kinds: ['multipart'] },
  success: { status: 200, description: 'Comptes créés, modifiés, inchangés, et lignes refusées', schema: directoryImportResultSchema },
})

export const directoryRoutes = [importDirectoryRoute]
