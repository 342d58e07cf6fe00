import { z } from 'zod'
import { parisWallClock } from '@/lib/time/paris'

// The dashboard's period (issue 16): Paris calendar days, inclusive, and a bucket. Pure: the page,
// the API and the CSV exports parse with the same schema.

export const MAX_DAYS = 366
export const MAX_HOUR_DAYS = 14

const DAY = /^\d{4}-\d{2}-\d{2}$/
const dayNumber = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const t = Date.UTC(y, m - 1, d)
  const back = new Date(t)
  return back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d ? t / 86_400_000 : NaN
}

/** Days from `from` to `to`, both included. */
export const daysIn = (from: string, to: string) => dayNumber(to) - dayNumber(from) + 1

const day = (name: string) =>
  z
    .string({ message: `${name} : date attendue au format AAAA-MM-JJ.` })
    .regex(DAY, `${name} : date attendue au format AAAA-MM-JJ.`)
    .refine((v) => !Number.isNaN(dayNumber(v)), `${name} : cette date n’existe pas.`)

export const statsBuckets = ['hour', 'day'] as const
export type StatsBucket = (typeof statsBuckets)[number]

export const statsQuerySchema = z
  .object({
    from: day('Début'),
    to: day('Fin'),
    bucket: z.enum(statsBuckets, { message: 'Regroupement attendu : hour (par heure) ou day (par jour).' }).default('day'),
  })
  .superRefine((v, ctx) => {
    const days = daysIn(v.from, v.to)
    if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'La date de fin doit suivre la date de début.' })
    else if (days > MAX_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `La période est limitée à ${MAX_DAYS} jours.` })
    else if (v.bucket === 'hour' && days > MAX_HOUR_DAYS) {
      ctx.addIssue({ code: 'custom', path: ['bucket'], message: `Le regroupement par heure est limité à ${MAX_HOUR_DAYS} jours : choisissez « par jour ».` })
    }
  })

export type StatsQuery = z.infer<typeof statsQuerySchema>

/** The periods offered on the dashboard; "custom" takes the from/to of the URL. */
export const periodPresets = ['today', '7d', '30d', 'rentree', 'custom'] as const
export type PeriodPreset = (typeof periodPresets)[number]

export const periodLabels: Record<PeriodPreset, string> = {
  today: 'Aujourd’hui',
  '7d': '7 derniers jours',
  '30d': '30 derniers jours',
  rentree: 'Depuis la rentrée (1er septembre)',
  custom: 'Période choisie',
}

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10)

/** The Paris day of `now`, and the days of a preset period ending today (hours for a single day). */
export function presetRange(preset: Exclude<PeriodPreset, 'custom'>, now: Date): StatsQuery {
  const p = parisWallClock(now)
  const today = iso(p.year, p.month, p.day)
  if (preset === 'today') return { from: today, to: today, bucket: 'hour' }
  if (preset === 'rentree') return { from: iso(p.month >= 9 ? p.year : p.year - 1, 9, 1), to: today, bucket: 'day' }
  const span = preset === '7d' ? 7 : 30
  return { from: iso(p.year, p.month, p.day - span + 1), to: today, bucket: 'day' }
}

/** The same days one year earlier (29 February becomes 28 February). */
export function lastYear(range: { from: string; to: string }): { from: string; to: string } {
  const back = (d: string) => {
    const [y, m, dd] = d.split('-').map(Number) as [number, number, number]
    return iso(y - 1, m, m === 2 && dd === 29 ? 28 : dd)
  }
  return { from: back(range.from), to: back(range.to) }
}
