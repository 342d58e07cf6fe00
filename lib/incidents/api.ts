import 'server-only'
import type { Viewer } from '@/lib/auth/viewer'
import { ok, type Result } from '@/lib/result'
import { detachTicket, mergeIncidents } from './membership'
import { reopenIncident, resolveIncident, updateIncident } from './mutations'
import { getIncident, type IncidentDetail } from './queries'

// The staff decisions as the JSON API answers them: the decision's outcome and the incident after it.

async function thenIncident<T extends object>(viewer: Viewer, id: string, outcome: Result<T>): Promise<Result<T & { incident: IncidentDetail }>> {
  if (!outcome.ok) return outcome
  const incident = await getIncident(viewer, id)
  return incident.ok ? ok({ ...outcome.value, incident: incident.value }) : incident
}

async function incidentAfter(viewer: Viewer, id: string, outcome: Result<unknown>): Promise<Result<IncidentDetail>> {
  return outcome.ok ? getIncident(viewer, id) : outcome
}

export const handleUpdateIncident = async (viewer: Viewer, id: string, body: unknown) => incidentAfter(viewer, id, await updateIncident(viewer, id, body))
export const handleDetach = async (viewer: Viewer, id: string, body: unknown) => incidentAfter(viewer, id, await detachTicket(viewer, id, body))
export const handleResolve = async (viewer: Viewer, id: string, body: unknown) => thenIncident(viewer, id, await resolveIncident(viewer, id, body))
export const handleReopen = async (viewer: Viewer, id: string, body: unknown) => thenIncident(viewer, id, await reopenIncident(viewer, id, body))

export async function handleMerge(viewer: Viewer, id: string, body: unknown) {
  const merged = await mergeIncidents(viewer, id, body)
  return thenIncident(viewer, id, merged.ok ? ok({ moved: merged.value.moved }) : merged)
}
