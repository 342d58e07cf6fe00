'use client'

import { signOut } from 'next-auth/react'
import { useState } from 'react'
import styles from './shell.module.css'

export function SignOutButton() {
  const [pending, setPending] = useState(false)
  return (
    <button
      type="button"
      className={styles.signOut}
      aria-disabled={pending}
      onClick={async () => {
        if (pending) return
        setPending(true)
        await signOut({ callbackUrl: '/login' })
      }}
    >
      Se déconnecter
    </button>
  )
}
