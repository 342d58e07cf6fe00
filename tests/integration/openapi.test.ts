import fs from 'node:fs'
import path from 'node:path'
import { Validator } from '@seriousme/openapi-schema-validator'
import { beforeAll, describe, expect, it } from 'vitest'
import { GET as openApiGET } from '@/app/api/openapi.json/route'
import { errorSchema, invalidRequestSchema, type ApiRoute } from '@/lib/http/api-contract'
import { apiRoutes } from '@/lib/api/routes'
import { createStaff } from '@/tests/support/factories'
import { sessionCookie } from '@/tests/support/session'

// The published contract (issue 12 §4): /api/openapi.json is a valid OpenAPI 3.1 document, it lists
// every JSON route of the app, and each documented route, called through its real route handler on a
// real database, answers the documented success and refusals in the documented shapes.

const root = path.resolve(__dirname, '../..')
const base = 'http://localhost'
const entMessage = 'Après la connexion à l’ENT, PRONOTE affiche « Identification impossible » avec un formulaire à envoyer.'

type Handler = (request: Request, context?: { params: Promise<Record<string, string>> }) => Promise<Response>
type Document = { paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>> }

/** The App Router file of a route, or its Pages Router file (POST /api/reports, lib/http/node-route.ts). */
function routeFile(route: ApiRoute): string {
  const segments = route.path.replace(/\{(\w+)\}/g, '[$1]')
  const appFile = path.join(root, 'app', segments, 'route.ts')
  return fs.existsSync(appFile) ? appFile : path.join(root, 'pages', `${segments}.ts`)
}

async function handlerOf(route: ApiRoute): Promise<Handler> {
  const routeModule = (await import(routeFile(route))) as Record<string, Handler>
  return routeModule[route.method.toUpperCase()]!
}

let document: Document
let cookies: { agent: string; admin: string }
let report: { reference: string; token: string }
/** Two open ENT failures: one to link, one to reject. */
let entFailureIds: [string, string]
/** Two school rules: one applied and changed, one deleted. */
let ruleIds: [string, string]
/** One incident per decision (each call changes it), and a resolved report to confirm. */
let incidents: Record<'shown' | 'resolve' | 'reopen' | 'detach' | 'into' | 'from', { id: string; version: number; reference: string }>
let resolvedReport: { reference: string; token: string }

interface Call {
  url: string
  init?: RequestInit
  params?: Record<string, string>
  cookie?: string | null
}

async function call(route: ApiRoute, { url, init = {}, params = {}, cookie }: Call): Promise<Response> {
  const headers = new Headers(init.headers)
  const session = cookie === undefined ? (route.access === 'ADMIN' ? cookies.admin : cookies.agent) : cookie
  if (session && route.access !== 'public') headers.set('cookie', session)
  const handler = await handlerOf(route)
  return handler(new Request(`${base}${url}`, { method: route.method.toUpperCase(), ...init, headers }), { params: Promise.resolve(params) })
}

const json = (body: unknown): RequestInit => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

function csvUpload(): RequestInit {
  const form = new FormData()
  form.set('file', new Blob([fs.readFileSync(path.join(root, 'tests/fixtures/pronote-directory.csv'))], { type: 'text/csv' }), 'export.csv')
  return { body: form }
}

/** A call each documented operation must answer with its documented success. */
const successes: Record<string, () => Call> = {
  createReport: () => ({ url: '/api/reports', init: json({ message: 'Votre identifiant ou votre mot de passe est incorrect', fullName: 'Nina Contrat' }) }),
  getTrackedReport: () => ({ url: `/api/reports/${report.reference}?t=${report.token}`, params: { reference: report.reference } }),
  classifyMessage: () => ({ url: '/api/classify', init: json({ message: 'Le site n’est pas disponible' }) }),
  listTickets: () => ({ url: '/api/admin/tickets?limit=5' }),
  exportTickets: () => ({ url: '/api/admin/tickets/export?status=NEW' }),
  getStats: () => ({ url: '/api/admin/stats?from=2026-09-01&to=2026-09-30&bucket=day' }),
  exportStats: () => ({ url: '/api/admin/stats/export?from=2026-09-01&to=2026-09-07&table=service' }),
  getTicket: () => ({ url: `/api/admin/tickets/${report.reference}`, params: { reference: report.reference } }),
  updateTicket: () => ({ url: `/api/admin/tickets/${report.reference}`, params: { reference: report.reference }, init: json({ version: 1, note: 'Vu.' }) }),
  listEntFailures: () => ({ url: '/api/admin/ent-failures' }),
  linkEntFailure: () => ({ url: `/api/admin/ent-failures/${entFailureIds[0]}/link`, params: { id: entFailureIds[0] }, init: json({ login: 'lmorin' }) }),
  rejectEntFailure: () => ({
    url: `/api/admin/ent-failures/${entFailureIds[1]}/reject`,
    params: { id: entFailureIds[1] },
    init: json({ reason: 'Aucun compte ne correspond à ce nom.' }),
  }),
  exportEntFailures: () => ({ url: '/api/admin/ent-failures/export?view=failures' }),
  importDirectory: () => ({ url: '/api/admin/directory/import?dryRun=true', init: csvUpload() }),
  exportPersonalData: () => ({ url: '/api/admin/donnees/export', init: json({ kind: 'login', value: 'nobody.here' }) }),
  listOutbox: () => ({ url: '/api/admin/outbox?state=PENDING' }),
  getHealth: () => ({ url: '/api/health' }),
  listPublicIncidents: () => ({ url: '/api/incidents' }),
  confirmReport: () => ({
    url: `/api/reports/${resolvedReport.reference}/confirmation?t=${resolvedReport.token}`,
    params: { reference: resolvedReport.reference },
    init: json({ works: true }),
  }),
  listIncidents: () => ({ url: '/api/admin/incidents?status=OPEN' }),
  getIncident: () => ({ url: `/api/admin/incidents/${incidents.shown.id}`, params: { id: incidents.shown.id } }),
  updateIncident: () => incidentCall('', incidents.shown, { version: incidents.shown.version, published: true, publicMessage: 'Le serveur sera republié.' }),
  resolveIncident: () => incidentCall('/resolve', incidents.resolve, { version: incidents.resolve.version, message: 'Réglé.' }),
  reopenIncident: () => incidentCall('/reopen', incidents.reopen, { version: incidents.reopen.version }),
  detachIncidentTicket: () => incidentCall('/detach', incidents.detach, { version: incidents.detach.version, reference: incidents.detach.reference }),
  mergeIncidents: () => incidentCall('/merge', incidents.into, { version: incidents.into.version, from: incidents.from.id, fromVersion: incidents.from.version }),
  listCatalogueRules: () => ({ url: '/api/admin/catalogue/rules' }),
  previewCatalogueRule: () => ({ url: '/api/admin/catalogue/rules/preview', init: json({ kind: 'phrase', pattern: 'mot de passe', category: 'BAD_CREDENTIALS' }) }),
  createCatalogueRule: () => ({ url: '/api/admin/catalogue/rules', init: json({ kind: 'regex', pattern: 'code 7[0-9]{2}', category: 'SITE_UNAVAILABLE' }) }),
  applyCatalogueRule: () => ({ url: `/api/admin/catalogue/rules/${ruleIds[0]}/apply`, params: { id: ruleIds[0] } }),
  updateCatalogueRule: () => ({ url: `/api/admin/catalogue/rules/${ruleIds[0]}`, params: { id: ruleIds[0] }, init: json({ version: 1, category: 'WRONG_ADDRESS' }) }),
  deleteCatalogueRule: () => ({ url: `/api/admin/catalogue/rules/${ruleIds[1]}`, params: { id: ruleIds[1] } }),
}

function incidentCall(action: string, incident: { id: string }, body: unknown): Call {
  return { url: `/api/admin/incidents/${incident.id}${action}`, params: { id: incident.id }, init: json(body) }
}

/** Incidents with distinct keys (one wrong host each), set up through the lib the routes call. */
async function setUpIncidents() {
  const { createReport } = await import('@/lib/reports/mutations')
  const { resolveIncident } = await import('@/lib/incidents/mutations')
  const { db } = await import('@/lib/db')
  const staff = await createStaff({ role: 'AGENT' })
  const open = async (host: string) => {
    const created = await createReport({ message: 'Ce site est inaccessible', fullName: `Contrat ${host}`, url: `https://${host}.exemple.fr` })
    if (!created.ok || !created.value.incident) throw new Error('no incident')
    return { id: created.value.incident.id, version: 1, reference: created.value.reference, token: created.value.token }
  }
  const names = ['shown', 'resolve', 'reopen', 'detach', 'into', 'from'] as const
  incidents = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await open(`openapi-${n}`)]))) as typeof incidents
  const confirmable = await open('openapi-confirm')
  for (const resolved of [incidents.reopen, confirmable]) {
    const outcome = await resolveIncident(staff, resolved.id, { version: 1, message: 'Réglé.' })
    if (!outcome.ok) throw new Error('not resolved')
    resolved.version = (await db.incident.findUniqueOrThrow({ where: { id: resolved.id } })).version
  }
  resolvedReport = confirmable
}

function expectDocumented(route: ApiRoute, status: number) {
  const responses = document.paths[route.path]![route.method]!.responses
  expect(Object.keys(responses), `${route.method} ${route.path} answered ${status}`).toContain(String(status))
}

async function expectRefusal(route: ApiRoute, res: Response, status: number) {
  expect(res.status).toBe(status)
  expectDocumented(route, status)
  expect(res.headers.get('content-type')).toMatch(/application\/json/)
  const body: unknown = await res.json()
  const parsed = (status === 400 ? invalidRequestSchema : errorSchema).safeParse(body)
  expect(parsed.success, JSON.stringify(body)).toBe(true)
}

beforeAll(async () => {
  document = (await openApiGET().json()) as Document
  cookies = { agent: await sessionCookie(await createStaff({ role: 'AGENT' })), admin: await sessionCookie(await createStaff({ role: 'ADMIN' })) }
  const byId = Object.fromEntries(apiRoutes.map((r) => [r.operationId, r]))
  const created = await call(byId.createReport!, { url: '/api/reports', init: json({ message: 'Mot de passe incorrect', fullName: 'Léo Suivi' }) })
  const { reference, trackingUrl } = (await created.json()) as { reference: string; trackingUrl: string }
  report = { reference, token: new URL(trackingUrl).searchParams.get('t')! }
  await call(byId.importDirectory!, { url: '/api/admin/directory/import', init: csvUpload() })
  for (const fullName of ['Loïc Morin', 'Inès Sans Compte']) {
    const entLogin = fullName.toLowerCase().replace(/\W+/g, '.')
    await call(byId.createReport!, { url: '/api/reports', init: json({ message: entMessage, fullName, profile: 'ELEVE', entName: 'ENT', entLogin }) })
  }
  const page = (await (await call(byId.listEntFailures!, { url: '/api/admin/ent-failures' })).json()) as { items: { id: string }[] }
  entFailureIds = [page.items[0]!.id, page.items[1]!.id]
  const rules: string[] = []
  for (const pattern of ['ecran violet', 'ecran orange']) {
    const res = await call(byId.createCatalogueRule!, { url: '/api/admin/catalogue/rules', init: json({ kind: 'phrase', pattern, category: 'SITE_UNAVAILABLE' }) })
    rules.push(((await res.json()) as { id: string }).id)
  }
  ruleIds = [rules[0]!, rules[1]!]
  await setUpIncidents()
})

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document with the session cookie as the admin security scheme', async () => {
    const res = await openApiGET()
    expect(res.status).toBe(200)
    const doc = (await res.json()) as Document & { openapi: string; components: { securitySchemes: Record<string, unknown> } }
    expect(doc.openapi).toBe('3.1.0')
    const result = await new Validator().validate(doc as never)
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([])
    expect(result.valid).toBe(true)
    expect(doc.components.securitySchemes.sessionCookie).toMatchObject({ type: 'apiKey', in: 'cookie' })
    for (const route of apiRoutes) {
      const operation = doc.paths[route.path]![route.method]!
      expect(operation.security).toEqual(route.access === 'public' ? [] : [{ sessionCookie: [] }])
    }
  })

  it('documents every JSON route file of the app, each with its handler', async () => {
    const files: string[] = []
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name)
        if (entry.isDirectory()) walk(full)
        else if (entry.name === 'route.ts') files.push(path.relative(root, full))
      }
    }
    walk(path.join(root, 'app/api'))
    files.push(...fs.readdirSync(path.join(root, 'pages/api'), { recursive: true, encoding: 'utf8' }).map((f) => path.join('pages/api', f)))
    // next-auth's own routes are its contract, and the document does not describe itself.
    const served = files.filter((f) => !f.includes('[...nextauth]') && !f.includes('openapi.json')).sort()
    const documented = [...new Set(apiRoutes.map((r) => path.relative(root, routeFile(r))))].sort()
    expect(documented).toEqual(served)
    for (const route of apiRoutes) expect(typeof (await handlerOf(route))).toBe('function')
  })
})

describe.each(apiRoutes.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route] as const))('%s', (_name, route) => {
  it('answers its documented success in the documented shape', async () => {
    const res = await call(route, successes[route.operationId]!())
    expect(res.status, await res.clone().text()).toBe(route.success.status)
    expectDocumented(route, res.status)
    const mediaType = route.success.mediaType ?? 'application/json'
    expect(res.headers.get('content-type')).toContain(mediaType)
    const body: unknown = mediaType === 'application/json' ? await res.json() : await res.text()
    const parsed = route.success.schema.safeParse(body)
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true)
  })

  it('answers the edge refusals it documents, in the one error shape', async () => {
    const { url, init, params } = successes[route.operationId]!()
    if (route.access !== 'public') await expectRefusal(route, await call(route, { url, init, params, cookie: null }), 401)
    if (route.access === 'ADMIN') await expectRefusal(route, await call(route, { url, init, params, cookie: cookies.agent }), 403)
    if (route.method !== 'get') {
      const evil = { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers)), origin: 'https://evil.example' } }
      await expectRefusal(route, await call(route, { url, init: evil, params }), 403)
    }
    if (route.body) {
      const plain = { headers: { 'content-type': 'text/plain' }, body: 'x' }
      await expectRefusal(route, await call(route, { url, init: plain, params }), 415)
      const type = route.body.kinds?.[0] === 'multipart' ? 'multipart/form-data; boundary=x' : 'application/json'
      const huge = { headers: { 'content-type': type, 'content-length': String(route.body.maxBytes + 1) }, body: '{}' }
      await expectRefusal(route, await call(route, { url, init: huge, params }), 413)
      await expectRefusal(route, await call(route, { url, init: { headers: { 'content-type': type }, body: '{"x": ' }, params }), 400)
    }
    if (route.failures?.includes('NOT_FOUND') && route.params) {
      const unknown = Object.fromEntries(Object.keys(route.params.shape).map((k) => [k, 'RL-ZZZZ-ZZZZ']))
      await expectRefusal(route, await call(route, { url: route.path.replace(/\{\w+\}/g, 'RL-ZZZZ-ZZZZ'), init, params: unknown }), 404)
    }
  })
})
