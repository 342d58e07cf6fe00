import 'server-only'
import { checkSync } from 'recheck'
import { foldPattern } from '@/lib/catalogue/school-rules'

// Regular expressions are checked for catastrophic backtracking before they are saved (issue 15
// §2), with recheck (automaton analysis, then fuzzing): a rule runs on every new report, so one
// exponential or polynomial pattern would let a crafted message stall submission for everyone.
// recheck's pure-JavaScript backend runs in this process: no worker file, no native binary, no JVM.
// Admin-only and rare, so the synchronous check (bounded by CHECK_TIMEOUT_MS) is acceptable.

const CHECK_TIMEOUT_MS = 3000

/** A French refusal when the pattern may backtrack catastrophically (or cannot be proved safe in time). */
export function backtrackingProblem(source: string): string | null {
  process.env.RECHECK_SYNC_BACKEND = 'pure'
  const diagnostics = checkSync(foldPattern(source), 'i', { timeout: CHECK_TIMEOUT_MS })
  if (diagnostics.status === 'safe') return null
  if (diagnostics.status === 'vulnerable') {
    const growth = diagnostics.complexity.type === 'exponential' ? 'exponentiel' : 'polynomial'
    return `Expression refusée : sur certains messages, sa vérification prendrait un temps ${growth} (retours arrière en cascade). Évitez les répétitions imbriquées comme (a+)+ ou (\\w+\\s?)*.`
  }
  return 'Expression refusée : sa sûreté n’a pas pu être vérifiée (trop complexe). Simplifiez-la.'
}
