// What an accounts/settings action hands back to useActionState.
export interface FormState {
  ok?: boolean
  message?: string
  fieldErrors?: Record<string, string[]>
  /** What was typed (never passwords), so a refused form shows it again instead of resetting. */
  values?: Record<string, string>
}

export const initialFormState: FormState = {}

export function typedValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [key, value] of form) if (typeof value === 'string' && !key.includes('password') && !key.startsWith('$')) values[key] = value
  return values
}
