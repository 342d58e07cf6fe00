import type { ReactNode } from 'react'

// Label, hint and error around one form control; ids follow fieldIds() so the control can point
// at its hint and error with aria-describedby.

export function fieldIds(name: string) {
  return { input: `field-${name}`, hint: `${name}-hint`, error: `${name}-error` }
}

/** aria attributes for a control, given whether it has a hint and an error. */
export function describedBy(name: string, hasHint: boolean, error?: string) {
  const ids = fieldIds(name)
  const describers = [hasHint ? ids.hint : null, error ? ids.error : null].filter(Boolean)
  return {
    id: ids.input,
    name,
    'aria-invalid': error ? (true as const) : undefined,
    'aria-describedby': describers.length ? describers.join(' ') : undefined,
  }
}

export function Field({
  name,
  label,
  hint,
  error,
  required = false,
  children,
}: {
  name: string
  label: string
  hint?: ReactNode
  error?: string
  required?: boolean
  children: ReactNode
}) {
  const ids = fieldIds(name)
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={ids.input}>
        {label} {required ? <span className="req">(obligatoire)</span> : <span className="opt">(facultatif)</span>}
      </label>
      {hint ? (
        <p id={ids.hint} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={ids.error} className="error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
      {children}
    </div>
  )
}
