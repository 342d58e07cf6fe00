import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

// Issue 12: one concept per folder, and no two lib/ folders that import each other (directly or
// around a loop), so each domain can be read and changed on its own.
const root = path.resolve(__dirname, '../..')
const lib = path.join(root, 'lib')

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(full)
    return /\.tsx?$/.test(entry.name) ? [full] : []
  })
}

/** The lib/ folder a file belongs to ('' for a module directly in lib/). */
function folderOf(file: string): string {
  const rel = path.relative(lib, file)
  return rel.includes(path.sep) ? rel.split(path.sep)[0]! : ''
}

function resolveImport(from: string, specifier: string): string | null {
  let target: string
  if (specifier.startsWith('@/')) target = path.join(root, specifier.slice(2))
  else if (specifier.startsWith('.')) target = path.resolve(path.dirname(from), specifier)
  else return null
  return target.startsWith(lib + path.sep) ? target : null
}

export function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>()
  for (const file of sourceFiles(lib)) {
    const from = folderOf(file)
    if (!from) continue
    const edges = graph.get(from) ?? new Set<string>()
    graph.set(from, edges)
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true)
    for (const { fileName } of importedFiles) {
      const target = resolveImport(file, fileName)
      const to = target && folderOf(target)
      if (to && to !== from && to !== 'generated') edges.add(to)
    }
  }
  return graph
}

function findCycle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>()
  const stack: string[] = []
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null
    if (state.get(node) === 'visiting') return [...stack.slice(stack.indexOf(node)), node]
    state.set(node, 'visiting')
    stack.push(node)
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next)
      if (cycle) return cycle
    }
    stack.pop()
    state.set(node, 'done')
    return null
  }
  for (const node of graph.keys()) {
    const cycle = visit(node)
    if (cycle) return cycle
  }
  return null
}

describe('lib/ structure', () => {
  it('has no import cycle between folders', () => {
    expect(findCycle(folderGraph())?.join(' → ') ?? null).toBeNull()
  })

  it('finds a cycle when there is one (the check itself can fail)', () => {
    const graph = new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])]])
    expect(findCycle(graph)).toEqual(['a', 'b', 'c', 'a'])
  })
})
