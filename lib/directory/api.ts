import 'server-only'
import type { Viewer } from '@/lib/auth/viewer'
import { fail } from '@/lib/result'
import { importDirectory } from './import'

const truthy = (value: unknown) => typeof value === 'string' && ['true', '1', 'on', 'yes'].includes(value.toLowerCase())

/** An uploaded form (`file`, optional `dryRun`, also accepted in the query) → the import's counts. */
export async function importDirectoryForm(viewer: Viewer, form: unknown, query: Record<string, string>) {
  const file = form instanceof FormData ? form.get('file') : null
  if (!file || typeof file === 'string') {
    return fail('VALIDATION', { fieldErrors: { file: ['Ajoutez le fichier CSV dans le champ « file ».'] } })
  }
  const dryRun = truthy((form as FormData).get('dryRun')) || truthy(query.dryRun)
  const result = await importDirectory(viewer, new Uint8Array(await file.arrayBuffer()), { dryRun })
  if (!result.ok) return result
  const { created, updated, unchanged, errors, fileError } = result.value
  // A file that cannot be used at all imports nothing: the one 400 shape, about the file.
  if (fileError) return fail('VALIDATION', { fieldErrors: { file: [fileError] } })
  return jsonWithLongList({ created, updated, unchanged }, 'errors', errors, 200)
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
