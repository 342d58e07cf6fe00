import 'server-only'
import { hasRole } from '@/lib/auth/policy'
import type { Viewer } from '@/lib/auth/viewer'
import { db } from '@/lib/db'
import { fail, ok, type Result } from '@/lib/result'
import { getEntFailureStats } from './queries'
import { entFailureStatusLabels, type EntFailureStatus } from './schemas'
import { csvCell } from './stats'

const hours = (ms: number | null) => (ms === null ? '' : (ms / 3_600_000).toFixed(1).replace('.', ','))
const csv = (rows: (string | number | null)[][]) => '\uFEFF' + rows.map((r) => r.map(csvCell).join(';')).join('\r\n') + '\r\n'

/**
 * CSV for spreadsheets (`;`, UTF-8 with BOM). "summary": the tracking figures, one per line;
 * "failures": one line per failure with its time to decision.
 */
export async function exportEntFailuresCsv(viewer: Viewer, view: 'summary' | 'failures'): Promise<Result<string>> {
  if (!hasRole(viewer, 'AGENT')) return fail('FORBIDDEN')
  if (view === 'summary') {
    const stats = await getEntFailureStats(viewer)
    if (!stats.ok) return stats
    const s = stats.value
    return ok(
      csv([
        ['indicateur', 'valeur'],
        ['echecs_ouverts', s.open],
        ['echecs_mis_en_relation', s.linked],
        ['echecs_sans_compte', s.rejected],
        ['echecs_clos_dans_la_file', s.closed],
        ['delai_median_mise_en_relation_heures', hours(s.medianLinkMs)],
        ['delai_90e_centile_mise_en_relation_heures', hours(s.p90LinkMs)],
        ['plus_ancien_ouvert_id', s.oldestOpen?.id ?? ''],
        ['plus_ancien_ouvert_depuis', s.oldestOpen?.firstReportedAt ?? ''],
        ['genere_le', new Date().toISOString()],
      ]),
    )
  }
  const rows = await db.entFailure.findMany({
    where: { reportCount: { gt: 0 } },
    orderBy: [{ firstReportedAt: 'asc' }, { id: 'asc' }],
    select: {
      id: true, status: true, entName: true, entLogin: true, fullName: true, profile: true, establishment: true,
      reportCount: true, firstReportedAt: true, lastReportedAt: true, decidedAt: true, linkedLogin: true, rejectReason: true,
    },
  })
  return ok(
    csv([
      ['id', 'statut', 'ent', 'identifiant_ent', 'nom_complet', 'profil', 'etablissement', 'signalements', 'premier_signalement', 'dernier_signalement', 'decision_le', 'delai_decision_heures', 'compte_pronote', 'motif_refus'],
      ...rows.map((r) => [
        r.id,
        entFailureStatusLabels[r.status as EntFailureStatus] ?? r.status,
        r.entName, r.entLogin, r.fullName, r.profile, r.establishment, r.reportCount,
        r.firstReportedAt.toISOString(), r.lastReportedAt.toISOString(), r.decidedAt?.toISOString() ?? '',
        hours(r.decidedAt ? r.decidedAt.getTime() - r.firstReportedAt.getTime() : null),
        r.linkedLogin, r.rejectReason,
      ]),
    ]),
  )
}
