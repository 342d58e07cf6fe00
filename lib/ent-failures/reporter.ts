import { normalizeIdentity, normalizeName } from '@/lib/directory/normalize'

// Who filed a report, as compared between the reports of one ENT record: a decision message (which
// in practice names the child's class or birth date) reaches only the reporters who match the
// record's first reporter. Knowing a pupil's ENT name and login is not enough to read it. Pure.

export interface Reporter {
  fullName: string
  email: string | null
}

/** Name and e-mail, normalised (case, accents, punctuation and spacing ignored). */
export function reporterKeyFor(reporter: Reporter): string {
  return `${normalizeName(reporter.fullName)}|${normalizeIdentity(reporter.email)}`
}
