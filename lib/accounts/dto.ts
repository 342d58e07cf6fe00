import type { Role } from '@/lib/auth/viewer'

// What the accounts page may see of a StaffUser: never the password hash.

export interface AccountSummary {
  id: string
  email: string
  name: string
  role: Role
  disabled: boolean
  createdAt: string
}

export const accountColumns = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabledAt: true,
  createdAt: true,
} as const

export function toAccountSummary(row: {
  id: string
  email: string
  name: string
  role: string
  disabledAt: Date | null
  createdAt: Date
}): AccountSummary {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role === 'ADMIN' ? 'ADMIN' : 'AGENT',
    disabled: row.disabledAt !== null,
    createdAt: row.createdAt.toISOString(),
  }
}
