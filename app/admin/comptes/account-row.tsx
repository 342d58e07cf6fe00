'use client'

import { useActionState } from 'react'
import type { AccountSummary } from '@/lib/accounts/dto'
import { PASSWORD_MIN_LENGTH } from '@/lib/accounts/schemas'
import { roleLabels, roles } from '@/lib/auth/viewer'
import { changeRoleAction, resetPasswordAction, setDisabledAction } from '../actions-accounts'
import styles from '../_shell/shell.module.css'
import { initialFormState, type FormState } from './form-state'

function Feedback({ state }: { state: FormState }) {
  if (!state.message) return null
  return (
    <p className={state.ok ? 'hint' : 'error'} role={state.ok ? 'status' : 'alert'}>
      {state.message}
    </p>
  )
}

/** One account with its three small forms: role, enable/disable, new password. */
export function AccountRow({ account, isSelf }: { account: AccountSummary; isSelf: boolean }) {
  const [roleState, roleAction, rolePending] = useActionState(changeRoleAction, initialFormState)
  const [disabledState, disabledAction, disabledPending] = useActionState(setDisabledAction, initialFormState)
  const [passwordState, passwordAction, passwordPending] = useActionState(resetPasswordAction, initialFormState)
  const id = account.id
  const passwordError = passwordState.fieldErrors?.password?.[0]

  return (
    <article className={styles.account} aria-labelledby={`account-${id}`}>
      <h3 id={`account-${id}`}>
        {account.name}
        {isSelf ? ' (vous)' : ''}
        <span className={styles.badge}>{roleLabels[account.role]}</span>
        {account.disabled ? <span className={styles.badge}>Désactivé</span> : null}
      </h3>
      <p className="hint">{account.email}</p>

      <form action={roleAction} className={styles.inline}>
        <input type="hidden" name="accountId" value={id} />
        <div className="field">
          <label htmlFor={`role-${id}`}>Rôle de {account.name}</label>
          <select id={`role-${id}`} name="role" defaultValue={account.role}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleLabels[r]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={styles.secondary} aria-disabled={rolePending}>
          Changer le rôle
        </button>
      </form>
      <Feedback state={roleState} />

      <form action={disabledAction}>
        <input type="hidden" name="accountId" value={id} />
        <input type="hidden" name="disabled" value={account.disabled ? 'false' : 'true'} />
        <button type="submit" className={styles.secondary} aria-disabled={disabledPending}>
          {account.disabled ? `Réactiver le compte de ${account.name}` : `Désactiver le compte de ${account.name}`}
        </button>
      </form>
      <Feedback state={disabledState} />

      <form action={passwordAction} className={styles.inline}>
        <input type="hidden" name="accountId" value={id} />
        <div className={`field ${styles.form}`}>
          <label htmlFor={`password-${id}`}>Nouveau mot de passe pour {account.name}</label>
          <input
            id={`password-${id}`}
            name="password"
            type="password"
            autoComplete="new-password"
            minLength={PASSWORD_MIN_LENGTH}
            required
            aria-invalid={passwordError ? true : undefined}
            aria-describedby={passwordError ? `password-${id}-error` : undefined}
          />
        </div>
        <button type="submit" className={styles.secondary} aria-disabled={passwordPending}>
          Réinitialiser le mot de passe
        </button>
      </form>
      {passwordError ? (
        <p id={`password-${id}-error`} className="error" role="alert">
          {passwordError}
        </p>
      ) : (
        <Feedback state={passwordState} />
      )}
    </article>
  )
}
