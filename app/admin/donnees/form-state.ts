// What the erasure action hands back to useActionState.
export interface ErasureFormState {
  ok?: boolean
  message?: string
  fieldErrors?: Record<string, string[] | undefined>
  /** What was typed, so a refused form shows it again. */
  values?: { kind: string; value: string }
}

export const initialErasureState: ErasureFormState = {}
