import { importDirectoryForm } from '@/lib/directory/api'
import { importDirectoryRoute } from '@/lib/directory/routes'
import { apiRoute } from '@/lib/http/api-route'

export const POST = apiRoute(importDirectoryRoute, ({ viewer, body, query }) => importDirectoryForm(viewer, body, query))
