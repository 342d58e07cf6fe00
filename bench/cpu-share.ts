// Where the 2 cores go during one measurement (bench/postgres.ts): CPU time of each group of
// process trees (the app processes, the PostgreSQL server and its backends), of the bench process
// itself (the load generator runs in it), and of the whole machine, read from /proc before and after.
// What is left of the machine's busy time is the other processes on it (a shared machine).

import fs from 'node:fs'
import { processTree } from './procs'

const TICKS_PER_SECOND = 100 // USER_HZ on Linux

function treeTicks(root: number): number {
  let ticks = 0
  for (const pid of processTree(root)) {
    try {
      // Fields after the ")" that ends the command name: utime, stime, cutime, cstime are the 12th to
      // 15th. cutime/cstime hold the children already reaped (a PostgreSQL backend that ended, its
      // time added to the postmaster's), so the tree's total does not drop when one ends.
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks
}

function machineBusyTicks(): number {
  const [, ...values] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/)
  const n = values.map(Number)
  // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
  return n.reduce((s, v) => s + v, 0) - n[3]! - n[4]!
}

interface Snapshot {
  at: number
  groups: Record<string, number>
  bench: number
  machine: number
}

/** CPU used over an interval, in cores (1 = one core busy the whole time). */
export interface CpuShare {
  seconds: number
  /** Per group given to `cpuMeter`, then `loadgen` (the bench process) and `others`. */
  cores: Record<string, number>
  /** The whole machine, every process. */
  machine: number
}

/** `groups`: name → root pids whose process trees make up that group (read again at each snapshot). */
export function cpuMeter(groups: () => Record<string, number[]>) {
  const snapshot = (): Snapshot => ({
    at: performance.now(),
    groups: Object.fromEntries(Object.entries(groups()).map(([name, pids]) => [name, pids.reduce((s, pid) => s + treeTicks(pid), 0)])),
    bench: process.cpuUsage().user + process.cpuUsage().system,
    machine: machineBusyTicks(),
  })
  return {
    /** Starts an interval; the returned function ends it and gives the shares. */
    start(): () => CpuShare {
      const a = snapshot()
      return () => {
        const b = snapshot()
        const seconds = (b.at - a.at) / 1000
        const cores: Record<string, number> = {}
        for (const name of Object.keys(b.groups)) cores[name] = ((b.groups[name]! - (a.groups[name] ?? 0)) / TICKS_PER_SECOND) / seconds
        cores.loadgen = (b.bench - a.bench) / 1e6 / seconds
        const machine = ((b.machine - a.machine) / TICKS_PER_SECOND) / seconds
        cores.others = Math.max(0, machine - Object.values(cores).reduce((s, c) => s + c, 0))
        return { seconds, cores, machine }
      }
    },
  }
}

/** "app 1.10, postgres 0.52, loadgen 0.21, others 0.15 of 2 cores" */
export function describeShare(share: CpuShare, cores = 2): string {
  return `${Object.entries(share.cores)
    .map(([name, c]) => `${name} ${c.toFixed(2)}`)
    .join(', ')} (machine ${share.machine.toFixed(2)} of ${cores} cores)`
}
