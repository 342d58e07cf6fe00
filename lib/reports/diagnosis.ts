import { getEntry, getVariant } from '@/lib/catalogue/entries'
import type { Actor, CategoryCode, SelfHelp } from '@/lib/catalogue/types'

// A diagnosis as shown to the person who reported: the catalogue's label and self-help, plus who
// acts, said in their terms. Pure: the live diagnosis in the browser uses it too.

export interface Diagnosis {
  category: CategoryCode
  variant?: string
  label: string
  actor: Actor
  /** One sentence, for the person who reported, saying who has to act. */
  whoActs: string
  selfHelp: SelfHelp
  /** True when the person can do something themselves (or just has to wait). */
  userSide: boolean
}

const whoActsByActor: Record<Actor, string> = {
  ADMIN: 'C’est à l’établissement d’agir : votre signalement lui est transmis, vous n’avez rien à modifier de votre côté.',
  USER: 'Vous pouvez en général régler ce problème vous-même en suivant les étapes ci-dessous.',
  USER_THEN_ADMIN: 'Commencez par les étapes ci-dessous ; l’établissement prendra le relais si cela ne suffit pas.',
  WAIT: 'Le blocage est temporaire : il suffit en général d’attendre un peu avant de réessayer.',
}

export function describeDiagnosis(category: CategoryCode, variant?: string | null): Diagnosis {
  const entry = getEntry(category)
  const sub = getVariant(category, variant ?? undefined)
  const actor = sub?.actor ?? entry.actor
  return {
    category,
    ...(sub ? { variant: sub.code } : {}),
    label: sub?.label ?? entry.label,
    actor,
    whoActs: whoActsByActor[actor],
    selfHelp: sub?.selfHelp ?? entry.selfHelp,
    userSide: actor !== 'ADMIN',
  }
}
