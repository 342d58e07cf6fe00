import { errorNameFor, messageFor, statusFor, type FailureCode, type Failure, type FieldErrors } from '@/lib/result'

// The one error shape of the JSON API, public and admin alike:
//   400 → { error: 'invalid_request', issues: [{ path: string[], message }] }
//   any other failure → { error, message } (French message)
// Status, error name and default message come from the table in lib/result.ts.

export interface Issue {
  path: string[]
  message: string
}

/** Field errors keyed by dotted path ('' for the whole input) → the API's issue list. */
export function issuesFrom(fieldErrors: FieldErrors | undefined): Issue[] {
  return Object.entries(fieldErrors ?? {}).flatMap(([key, messages]) =>
    messages.map((message) => ({ path: key === '' ? [] : key.split('.'), message })),
  )
}

/** 400 with the given issues; a failure without any gets one about the whole input. */
export function invalidRequest(issues: Issue[], message = messageFor('VALIDATION')): Response {
  return Response.json(
    { error: errorNameFor('VALIDATION'), issues: issues.length > 0 ? issues : [{ path: [], message }] },
    { status: 400, headers: { 'Cache-Control': 'no-store' } },
  )
}

export function errorResponse(
  code: FailureCode,
  detail: { message?: string; fieldErrors?: FieldErrors; headers?: HeadersInit; extra?: Record<string, unknown> } = {},
): Response {
  if (code === 'VALIDATION') return invalidRequest(issuesFrom(detail.fieldErrors), detail.message)
  const headers = new Headers(detail.headers)
  headers.set('Cache-Control', 'no-store')
  return Response.json(
    { error: errorNameFor(code), message: detail.message ?? messageFor(code), ...detail.extra },
    { status: statusFor(code), headers },
  )
}

/** A lib failure as its HTTP answer. */
export function failureResponse(failure: Failure): Response {
  return errorResponse(failure.code, { message: failure.message, fieldErrors: failure.fieldErrors })
}
