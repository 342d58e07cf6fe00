import { openApiDocument } from '@/lib/api/openapi'

// Built once per server process: it depends only on the route declarations.
let document: ReturnType<typeof openApiDocument> | undefined

/** GET /api/openapi.json: the OpenAPI 3.1 document of the JSON API. */
export function GET() {
  document ??= openApiDocument()
  return Response.json(document)
}
