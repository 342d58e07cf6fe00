// State returned by the ENT failures' decision server actions. Pure (types and constants).

export type DecisionFormState =
  | { status: 'idle' }
  | { status: 'done'; message: string }
  | { status: 'error'; message: string; fieldErrors: Record<string, string[]> }

export const idleDecision: DecisionFormState = { status: 'idle' }
