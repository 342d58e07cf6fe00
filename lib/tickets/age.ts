// How long an open ticket has waited: the dashboard's backlog brackets, also a queue filter
// (`age=lt1h`…), so each backlog figure links to the queue showing exactly those tickets. Pure.

export const ageBrackets = ['lt1h', 'lt1d', 'lt3d', 'older'] as const
export type AgeBracket = (typeof ageBrackets)[number]

export const ageLabels: Record<AgeBracket, string> = {
  lt1h: 'moins d’1 h',
  lt1d: 'moins d’1 jour',
  lt3d: 'moins de 3 jours',
  older: '3 jours ou plus',
}

const HOUR = 3_600_000
const limits: Record<AgeBracket, [newest: number | null, oldest: number | null]> = {
  lt1h: [null, HOUR],
  lt1d: [HOUR, 24 * HOUR],
  lt3d: [24 * HOUR, 72 * HOUR],
  older: [72 * HOUR, null],
}

/** The creation instants of a bracket at `now`: created after `since` (inclusive) and before `until`. */
export function ageRange(bracket: AgeBracket, now: Date): { since: Date | null; until: Date | null } {
  const [newest, oldest] = limits[bracket]
  return {
    since: oldest === null ? null : new Date(now.getTime() - oldest),
    until: newest === null ? null : new Date(now.getTime() - newest),
  }
}
