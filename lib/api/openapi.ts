import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponsesObject } from 'zod-openapi'
import { failureCodes, type FailureCode } from '@/lib/result'
import { errorSchema, failuresOf, invalidRequestSchema, type ApiRoute, type BodyKind } from '@/lib/http/api-contract'
import { apiRoutes } from './routes'

// The OpenAPI 3.1 document of the JSON API, generated from the route declarations and their zod
// schemas (zod-openapi renders them with zod 4's JSON Schema output): never written by hand.

const SESSION_SCHEME = 'sessionCookie'

const mediaTypes: Record<BodyKind, string> = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
  multipart: 'multipart/form-data',
}

function failureResponses(route: ApiRoute): ZodOpenApiResponsesObject {
  const byStatus = new Map<number, FailureCode[]>()
  for (const code of failuresOf(route)) {
    const status = failureCodes[code].status
    byStatus.set(status, [...(byStatus.get(status) ?? []), code])
  }
  const out: ZodOpenApiResponsesObject = {}
  for (const [status, codes] of byStatus) {
    const description = codes.map((code) => `${failureCodes[code].error} : ${failureCodes[code].message}`).join(' — ')
    const schema = status === 400 ? invalidRequestSchema : errorSchema
    out[String(status) as `${1 | 2 | 3 | 4 | 5}${string}`] = {
      description,
      content: { 'application/json': { schema } },
      ...(status === 429 ? { headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Secondes à attendre' } } } : {}),
    }
  }
  return out
}

function operation(route: ApiRoute): ZodOpenApiOperationObject {
  const { success } = route
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    ...(route.params || route.query
      ? { requestParams: { ...(route.params ? { path: route.params } : {}), ...(route.query ? { query: route.query } : {}) } }
      : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: Object.fromEntries((route.body.kinds ?? ['json']).map((kind) => [mediaTypes[kind], { schema: route.body!.schema }])),
          },
        }
      : {}),
    responses: {
      [String(success.status)]: {
        description: success.description,
        content: { [success.mediaType ?? 'application/json']: { schema: success.schema } },
      },
      ...failureResponses(route),
    },
    security: route.access === 'public' ? [] : [{ [SESSION_SCHEME]: [] }],
    ...(route.access === 'ADMIN' ? { description: 'Réservé au rôle ADMIN.' } : {}),
  }
}

export function openApiDocument() {
  const paths: ZodOpenApiPathsObject = {}
  for (const route of apiRoutes) paths[route.path] = { ...paths[route.path], [route.method]: operation(route) }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Relais',
      version: '1.0.0',
      description:
        'Signalements des échecs de connexion à PRONOTE : API publique (dépôt, suivi, diagnostic) et API d’administration ' +
        '(session du personnel). Toute erreur a la forme { error, message } ; une requête invalide : ' +
        '{ error: "invalid_request", issues: [{ path, message }] }, messages en français.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: {
        [SESSION_SCHEME]: {
          type: 'apiKey',
          in: 'cookie',
          name: 'next-auth.session-token',
          description: 'Session du personnel ouverte sur /login (préfixe __Secure- quand l’adresse publique est en https).',
        },
      },
    },
  })
}
