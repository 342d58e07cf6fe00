import type { z } from 'zod'

// Outcomes of our own operations (not the catalogue's categories). Pure: imported on both sides.
// Each code has its HTTP status, the `error` name of the JSON API and one French message, defined
// here once, and errorResponse below is the one builder of the JSON API's error answers. The last
// three codes are refusals of the HTTP edge itself (lib/http), before any operation runs.

export const failureCodes = {
  VALIDATION: { status: 400, error: 'invalid_request', message: 'Certaines informations sont invalides.' },
  UNAUTHENTICATED: { status: 401, error: 'unauthenticated', message: 'Veuillez vous connecter.' },
  FORBIDDEN: { status: 403, error: 'forbidden', message: "Vous n'avez pas les droits nécessaires pour cette action." },
  NOT_FOUND: { status: 404, error: 'not_found', message: 'Introuvable.' },
  CONFLICT: {
    status: 409,
    error: 'conflict',
    message: "Quelqu'un d'autre a modifié cet élément entre-temps. Rechargez la page pour voir la dernière version.",
  },
  RATE_LIMITED: { status: 429, error: 'rate_limited', message: 'Trop de demandes. Merci de patienter avant de réessayer.' },
  CROSS_ORIGIN: {
    status: 403,
    error: 'cross_origin',
    message: 'Cette demande vient d’un autre site et a été refusée. Ouvrez Relais directement et réessayez.',
  },
  PAYLOAD_TOO_LARGE: { status: 413, error: 'payload_too_large', message: 'Le contenu envoyé dépasse la taille maximale autorisée.' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    error: 'unsupported_media_type',
    message: 'Envoyez le contenu au format JSON (Content-Type: application/json).',
  },
} as const satisfies Record<string, { status: number; error: string; message: string }>

export type FailureCode = keyof typeof failureCodes

/** Messages keyed by the dotted path of the field ('' for the whole input). */
export type FieldErrors = Record<string, string[]>

export type Result<T> =
  | { ok: true; value: T }
  | { ok: false; code: FailureCode; fieldErrors?: FieldErrors; message?: string }

export type Failure = Extract<Result<unknown>, { ok: false }>

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function fail<T = never>(code: FailureCode, extra?: { fieldErrors?: FieldErrors; message?: string }): Result<T> {
  return { ok: false, code, ...extra }
}

export function statusFor(code: FailureCode): number {
  return failureCodes[code].status
}

export function messageFor(code: FailureCode): string {
  return failureCodes[code].message
}

export function errorNameFor(code: FailureCode): string {
  return failureCodes[code].error
}

/**
 * The one way a zod error becomes field errors, for forms and APIs alike: keys are dotted paths
 * ("helpLinks.0.url", matching the forms' field names), '' for an error about the whole input.
 * zod's own `z.flattenError` keeps only the first path segment, which nested settings need more of.
 */
export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of error.issues) (out[issue.path.map(String).join('.')] ??= []).push(issue.message)
  return out
}

/** A failed parse as the VALIDATION failure every mutation and query returns. */
export function invalidInput(error: z.ZodError): Result<never> {
  return fail('VALIDATION', { fieldErrors: fieldErrorsFrom(error) })
}

// The one error shape of the JSON API, public and admin alike:
//   400 → { error: 'invalid_request', issues: [{ path: string[], message }] }
//   any other failure → { error, message } (French message), never cached.

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
