import 'server-only'
import type { Viewer } from '@/lib/auth/viewer'
import { Prisma } from '@/lib/generated/prisma/client'
import { ageRange } from './age'
import { endOfParisDay, startOfParisDay } from './dates'
import type { TicketFilter } from './schemas'
import { ticketSearchCondition } from './search'
import { closedStatuses } from './status'

// SQL conditions (alias `t`) for the queue's filters. Each equality filter has an index
// ("<column>", "id") so a filtered page is still an index range.

export function filterConditions(viewer: Viewer, filter: TicketFilter, omit?: 'status' | 'category'): Prisma.Sql[] {
  const where: Prisma.Sql[] = []
  if (filter.status && omit !== 'status') where.push(Prisma.sql`t."status" = ${filter.status}`)
  if (filter.category && omit !== 'category') where.push(Prisma.sql`t."category" = ${filter.category}`)
  if (filter.profile) where.push(Prisma.sql`t."profile" = ${filter.profile}`)
  if (filter.establishment) where.push(Prisma.sql`t."establishment" = ${filter.establishment}`)
  const assignee = filter.assignee
  if (assignee === 'none') where.push(Prisma.sql`t."assigneeId" IS NULL`)
  else if (assignee === 'me') where.push(Prisma.sql`t."assigneeId" = ${viewer.id}`)
  else if (assignee && assignee !== 'any') where.push(Prisma.sql`t."assigneeId" = ${assignee}`)
  if (filter.from) where.push(Prisma.sql`t."createdAt" >= ${startOfParisDay(filter.from)}`)
  if (filter.to) where.push(Prisma.sql`t."createdAt" < ${endOfParisDay(filter.to)}`)
  if (filter.age) {
    const { since, until } = ageRange(filter.age, new Date())
    where.push(Prisma.sql`t."status" NOT IN (${Prisma.join([...closedStatuses])})`)
    if (since) where.push(Prisma.sql`t."createdAt" >= ${since}`)
    if (until) where.push(Prisma.sql`t."createdAt" < ${until}`)
  }
  if (filter.q) where.push(ticketSearchCondition(filter.q))
  return where
}

export function whereClause(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty
}
