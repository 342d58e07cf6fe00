import 'server-only'
import type { Prisma } from '@/lib/generated/prisma/client'

/**
 * Removes every outbox row of these tickets (address, sealed token), sent or not, inside the
 * caller's transaction: the retention purge and the erasure of a person (lib/security/anonymise.ts).
 */
export async function clearTicketMessages(tx: Prisma.TransactionClient, ticketIds: number[]): Promise<number> {
  if (ticketIds.length === 0) return 0
  const { count } = await tx.outboxMessage.deleteMany({ where: { ticketId: { in: ticketIds } } })
  return count
}
