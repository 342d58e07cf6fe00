import 'server-only'
import type { Viewer } from '@/lib/auth/viewer'
import { entFailureErrorResponse } from '@/lib/ent-failures/api'
import { importDirectory } from './import'

const truthy = (value: unknown) => typeof value === 'string' && ['true', '1', 'on', 'yes'].includes(value.toLowerCase())

function invalid(message: string, path = 'file'): Response {
  return Response.json({ error: 'invalid_request', message: 'Certaines informations sont invalides.', issues: [{ path, message }] }, { status: 400 })
}

/** POST multipart `file` (+ optional `dryRun`) → { created, updated, unchanged, errors }. */
export async function handleDirectoryImport(viewer: Viewer, request: Request): Promise<Response> {
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    return invalid('Envoyez le fichier en multipart/form-data, dans le champ « file ».')
  }
  const file = form.get('file')
  if (!file || typeof file === 'string') return invalid('Ajoutez le fichier CSV dans le champ « file ».')
  const dryRun = truthy(form.get('dryRun')) || truthy(new URL(request.url).searchParams.get('dryRun'))
  const result = await importDirectory(viewer, new Uint8Array(await file.arrayBuffer()), { dryRun })
  if (!result.ok) return entFailureErrorResponse(result)
  const { created, updated, unchanged, errors, fileError } = result.value
  const head = { created, updated, unchanged }
  return jsonWithLongList(head, 'errors', fileError ? [{ line: 1, message: fileError }, ...errors] : errors, fileError ? 400 : 200)
}

const ITEMS_PER_CHUNK = 2000

/**
 * `Response.json({ ...head, [key]: items })`, serialised a slice of the list at a time as the client
 * reads: a file of broken lines has one error per line (170,000 in 5 MB, 10 MB of JSON), and one
 * JSON.stringify of it held the event loop for everyone else (issue 11, finding 3).
 */
function jsonWithLongList(head: Record<string, unknown>, key: string, items: unknown[], status: number): Response {
  const encoder = new TextEncoder()
  const opening = JSON.stringify(head).slice(0, -1) + `${Object.keys(head).length > 0 ? ',' : ''}${JSON.stringify(key)}:[`
  let next = 0
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(opening))
    },
    pull(controller) {
      const slice = items.slice(next, next + ITEMS_PER_CHUNK).map((item) => JSON.stringify(item))
      const text = (next > 0 && slice.length > 0 ? ',' : '') + slice.join(',')
      next += ITEMS_PER_CHUNK
      if (next >= items.length) {
        controller.enqueue(encoder.encode(text + ']}'))
        controller.close()
      } else controller.enqueue(encoder.encode(text))
    },
  })
  return new Response(stream, { status, headers: { 'content-type': 'application/json' } })
}
