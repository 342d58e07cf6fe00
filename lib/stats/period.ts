import { periodPresets, presetRange, statsQuerySchema, type PeriodPreset, type StatsQuery } from './schemas'

// The dashboard's URL (`?period=30d`, or `?period=custom&from=…&to=…`) read into a period. Pure.

export interface ChosenPeriod {
  preset: PeriodPreset
  query: StatsQuery
  /** French message when the custom range was refused (the default period is shown instead). */
  error: string | null
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)

export const DEFAULT_PERIOD = '30d' satisfies PeriodPreset

export function periodFromParams(params: Record<string, string | string[] | undefined>, now: Date): ChosenPeriod {
  const raw = first(params.period)
  // The dates count only with "Période choisie": the form always sends them (they show the period).
  const preset = (periodPresets as readonly string[]).includes(raw ?? '') ? (raw as PeriodPreset) : DEFAULT_PERIOD
  if (preset !== 'custom') return { preset, query: presetRange(preset, now), error: null }
  const from = first(params.from) ?? ''
  const to = first(params.to) || from
  const parsed = statsQuerySchema.safeParse({ from, to, bucket: from === to ? 'hour' : 'day' })
  if (parsed.success) return { preset, query: parsed.data, error: null }
  return { preset, query: presetRange(DEFAULT_PERIOD, now), error: parsed.error.issues[0]?.message ?? 'Période invalide.' }
}

/** The query string of a period for links (CSV tables, the API). */
export function periodSearch(query: StatsQuery, extra: Record<string, string> = {}): string {
  return new URLSearchParams({ from: query.from, to: query.to, bucket: query.bucket, ...extra }).toString()
}
