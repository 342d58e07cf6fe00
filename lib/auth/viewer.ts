// The signed-in staff member as seen by lib functions. Pure: safe on both sides.

export const roles = ['ADMIN', 'AGENT'] as const
export type Role = (typeof roles)[number]

export const roleLabels: Record<Role, string> = { ADMIN: 'Administrateur', AGENT: 'Agent' }

export interface Viewer {
  id: string
  email: string
  name: string
  role: Role
}
