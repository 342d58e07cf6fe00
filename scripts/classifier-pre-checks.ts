// npm run classifier:pre-checks — derives every classifier pattern's necessary literals
// (lib/catalogue/prefilter.ts) into lib/catalogue/pre-checks.json. Run it after editing a signal or
// a context; tests/unit/classifier-prefilter.test.ts fails while the file is out of date.

import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { derivePreChecks } from '../lib/catalogue/prefilter'
import { contexts, signals } from '../lib/catalogue/signals'

export const preChecksPath = path.join(__dirname, '..', 'lib', 'catalogue', 'pre-checks.json')

const sources = [...signals.map((s) => s.re.source), ...Object.values(contexts).map((c) => c.re.source)]
const derived = derivePreChecks(sources)
writeFileSync(preChecksPath, JSON.stringify(derived) + '\n')
console.log(`${Object.keys(derived.patterns).length} patterns, ${derived.literals.length} literals → ${path.relative(process.cwd(), preChecksPath)}`)
