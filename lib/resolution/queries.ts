import 'server-only'
import { getEntry } from '@/lib/catalogue/entries'
import { getSchoolSettings } from '@/lib/settings/queries'
import { buildResolution, type ResolutionTicket, type ResolutionView } from './registry'

/** The resolution screen of a ticket's current category, with the school's configured addresses. */
export async function getResolution(ticket: ResolutionTicket): Promise<ResolutionView> {
  return buildResolution(getEntry(ticket.category), ticket, await getSchoolSettings())
}
