import { z } from 'zod'
import { categoryCodes } from '@/lib/catalogue/types'
import { bodyLimits, defineRoute } from '@/lib/http/api-contract'
import { ruleApplyQuerySchema, ruleCategories, ruleInputSchema, ruleKinds, rulePreviewSchema, ruleUpdateSchema } from './schemas'

// The school rules' JSON API (issue 15 §2, lib/http/api-contract.ts), ADMIN only.

export const ruleSummarySchema = z
  .object({
    id: z.string(),
    kind: z.enum(ruleKinds),
    pattern: z.string(),
    category: z.enum(ruleCategories),
    variant: z.string().nullable(),
    enabled: z.boolean(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    createdBy: z.string().meta({ description: 'Nom de l’administrateur qui a créé la règle.' }),
  })
  .meta({ id: 'CatalogueRule' })

export const rulePreviewResultSchema = z
  .object({
    wouldChange: z.number().int().meta({ description: 'Signalements automatiques dont la catégorie changerait.' }),
    manualUntouched: z.number().int().meta({ description: 'Signalements reconnus par la règle mais classés à la main : jamais modifiés.' }),
    transitions: z.array(z.object({ from: z.enum(categoryCodes), to: z.enum(categoryCodes), count: z.number().int() })).meta({ description: 'Tous les changements, comptés par catégorie de départ et d’arrivée.' }),
    changes: z.array(z.object({ reference: z.string(), from: z.enum(categoryCodes), to: z.enum(categoryCodes) })).meta({ description: 'Les 200 premiers changements.' }),
    manual: z.array(z.object({ reference: z.string(), category: z.enum(categoryCodes), wouldBe: z.enum(categoryCodes) })),
    scanned: z.number().int(),
    lastId: z.number().int(),
    maxId: z.number().int(),
    done: z.boolean().meta({ description: 'Faux quand `limit` a arrêté le parcours : reprendre avec `afterId` = `lastId`.' }),
  })
  .meta({ id: 'CatalogueRulePreview' })

const idParams = z.object({ id: z.string() })
const base = { tag: 'Catalogue', access: 'ADMIN' } as const

export const listRulesRoute = defineRoute({
  ...base,
  operationId: 'listCatalogueRules',
  method: 'get',
  path: '/api/admin/catalogue/rules',
  summary: 'Règles de classement de l’établissement',
  success: { status: 200, description: 'Les règles, les plus récentes d’abord', schema: z.object({ items: z.array(ruleSummarySchema) }) },
})

export const previewRuleRoute = defineRoute({
  ...base,
  operationId: 'previewCatalogueRule',
  method: 'post',
  path: '/api/admin/catalogue/rules/preview',
  summary: 'Essai d’une règle sur les signalements enregistrés (rien n’est modifié)',
  body: { schema: rulePreviewSchema, maxBytes: bodyLimits.adminJson },
  success: { status: 200, description: 'Ce que la règle changerait', schema: rulePreviewResultSchema },
})

export const createRuleRoute = defineRoute({
  ...base,
  operationId: 'createCatalogueRule',
  method: 'post',
  path: '/api/admin/catalogue/rules',
  summary: 'Ajouter une règle (active aussitôt pour les nouveaux signalements)',
  body: { schema: ruleInputSchema, maxBytes: bodyLimits.adminJson },
  success: { status: 201, description: 'Règle enregistrée', schema: ruleSummarySchema },
})

export const applyRuleRoute = defineRoute({
  ...base,
  operationId: 'applyCatalogueRule',
  method: 'post',
  path: '/api/admin/catalogue/rules/{id}/apply',
  summary: 'Reclasser les signalements automatiques selon la règle',
  params: idParams,
  query: ruleApplyQuerySchema,
  success: {
    status: 200,
    description: 'Nombre de signalements reclassés (et, pour une tranche, où reprendre : `afterId` = `lastId` tant que `done` est faux)',
    schema: z
      .object({ changed: z.number().int(), scanned: z.number().int(), lastId: z.number().int(), maxId: z.number().int(), done: z.boolean() })
      .meta({ id: 'CatalogueRuleApplied' }),
  },
  failures: ['NOT_FOUND', 'VALIDATION'],
})

export const updateRuleRoute = defineRoute({
  ...base,
  operationId: 'updateCatalogueRule',
  method: 'patch',
  path: '/api/admin/catalogue/rules/{id}',
  summary: 'Activer, désactiver ou modifier une règle',
  params: idParams,
  body: { schema: ruleUpdateSchema, maxBytes: bodyLimits.adminJson },
  success: { status: 200, description: 'La règle après la modification', schema: ruleSummarySchema },
  failures: ['NOT_FOUND', 'CONFLICT'],
})

export const deleteRuleRoute = defineRoute({
  ...base,
  operationId: 'deleteCatalogueRule',
  method: 'delete',
  path: '/api/admin/catalogue/rules/{id}',
  summary: 'Supprimer une règle (son historique est conservé)',
  params: idParams,
  success: { status: 200, description: 'Règle supprimée', schema: z.object({ id: z.string() }) },
  failures: ['NOT_FOUND'],
})

export const ruleRoutes = [listRulesRoute, previewRuleRoute, createRuleRoute, applyRuleRoute, updateRuleRoute, deleteRuleRoute]
