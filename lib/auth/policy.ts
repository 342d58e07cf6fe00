import type { Role, Viewer } from './viewer'

// Small pure rules. The real gate is in lib queries/mutations; pages use these to hide controls.

const rank: Record<Role, number> = { AGENT: 1, ADMIN: 2 }

/** ADMIN can do everything an AGENT can. */
export function hasRole(viewer: Pick<Viewer, 'role'>, role: Role): boolean {
  return rank[viewer.role] >= rank[role]
}

export function canWorkTickets(viewer: Pick<Viewer, 'role'>): boolean {
  return hasRole(viewer, 'AGENT')
}

export function canManageAccounts(viewer: Pick<Viewer, 'role'>): boolean {
  return viewer.role === 'ADMIN'
}

export function canEditSettings(viewer: Pick<Viewer, 'role'>): boolean {
  return viewer.role === 'ADMIN'
}
