// The report's field names and length limits, without zod: the public form's first-load bundle
// imports these, and loads the zod schema (lib/reports/schemas.ts, which builds on them) only when
// it is about to validate. schemas.ts checks at compile time that this list matches its shape.

export const MESSAGE_MAX = 2000

export const fieldLimits = {
  message: MESSAGE_MAX,
  fullName: 120,
  email: 254,
  establishment: 200,
  login: 100,
  entName: 100,
  entLogin: 150,
  url: 500,
} as const

/** In form order (the order errors are listed and focused in). */
export const reportFields = [
  'message',
  'fullName',
  'profile',
  'email',
  'establishment',
  'login',
  'entName',
  'entLogin',
  'url',
  'occurredAt',
] as const

export type ReportField = (typeof reportFields)[number]
