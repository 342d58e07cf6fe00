// The demo dataset: the sample PRONOTE directory (tests/fixtures/pronote-directory.csv) and a few
// "Identification impossible" reports so the queue and the ENT failures screen have something to
// show. Used by `npm run seed:demo` and `npm run db:seed`; DATABASE_URL must be set before import.
import fs from 'node:fs'
import path from 'node:path'
import { db } from '@/lib/db'
import { importDirectory } from '@/lib/directory/import'
import { createReport } from '@/lib/reports/mutations'

const seedViewer = { id: 'seed-demo', email: 'seed@relais.local', name: 'Données de démonstration', role: 'ADMIN' as const }
const entMessage = 'Je me connecte à l’ENT puis PRONOTE affiche « Identification impossible » avec un formulaire. Je l’ai envoyé.'

const demoReports = [
  { fullName: 'Eloise Lefevre', profile: 'ELEVE', entName: 'Mon ENT Occitanie', entLogin: 'eloise.lefevre7', message: `${entMessage} Elle est en 4B.` },
  { fullName: 'LEFEVRE Eloise', profile: 'ELEVE', entName: 'Mon ENT Occitanie', entLogin: 'Eloise.Lefevre7', message: 'Toujours « Identification impossible » ce matin.' },
  { fullName: 'Jean Baptiste Martin Dupont', profile: 'ELEVE', entName: 'Atrium', entLogin: 'jb.martindupont', message: entMessage },
  { fullName: 'Nathalie Morin', profile: 'PARENT', entName: 'EduConnect', entLogin: 'n.morin42', message: `${entMessage} Je suis la mère de Loïc.` },
  { fullName: 'Hugo Garsia', profile: 'ELEVE', establishment: 'Collège Jean Moulin', message: entMessage },
  { fullName: 'Marie Inconnue', profile: 'PARENT', entName: 'Atrium', entLogin: 'marie.inconnue', message: entMessage },
] as const

export async function seedDemo(): Promise<void> {
  const file = fs.readFileSync(path.resolve(__dirname, '../tests/fixtures/pronote-directory.csv'))
  const imported = await importDirectory(seedViewer, file, { dryRun: false })
  if (!imported.ok) throw new Error(`Import impossible : ${imported.code}`)
  const { created, updated, unchanged, errors } = imported.value
  console.log(`Annuaire : ${created} créés, ${updated} mis à jour, ${unchanged} inchangés, ${errors.length} lignes en erreur.`)

  if ((await db.entFailure.count()) > 0) {
    console.log('Des échecs d’interconnexion existent déjà : pas de nouveaux signalements de démonstration.')
    return
  }
  for (const report of demoReports) {
    const result = await createReport(report)
    if (!result.ok) throw new Error(`Signalement refusé : ${JSON.stringify(result)}`)
    console.log(`Signalement ${result.value.reference} (${result.value.category}) pour ${report.fullName}`)
  }
  console.log(`${await db.entFailure.count()} échecs d’interconnexion à traiter sur /admin/echecs-interconnexion.`)
}
