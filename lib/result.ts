// Outcomes of our own operations (not the catalogue's categories). Pure: imported on both sides.

export const failureCodes = {
  VALIDATION: { status: 400, message: 'Certaines informations sont invalides.' },
  UNAUTHENTICATED: { status: 401, message: 'Veuillez vous connecter.' },
  FORBIDDEN: { status: 403, message: "Vous n'avez pas les droits nécessaires pour cette action." },
  NOT_FOUND: { status: 404, message: 'Introuvable.' },
  CONFLICT: {
    status: 409,
    message: "Quelqu'un d'autre a modifié cet élément entre-temps. Rechargez la page pour voir la dernière version.",
  },
  RATE_LIMITED: { status: 429, message: 'Trop de demandes. Merci de patienter avant de réessayer.' },
} as const satisfies Record<string, { status: number; message: string }>

export type FailureCode = keyof typeof failureCodes

export type FieldErrors = Record<string, string[]>

export type Result<T> =
  | { ok: true; value: T }
  | { ok: false; code: FailureCode; fieldErrors?: FieldErrors; message?: string }

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
