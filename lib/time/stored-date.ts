// How a date is stored: the Prisma SQLite adapter writes DateTime as ISO 8601 text with an explicit
// UTC offset. Everything that writes or binds a date outside Prisma uses the same text, so that
// rows compare and sort alike whoever wrote them.

export const storedDate = (date: Date): string => date.toISOString().replace('Z', '+00:00')
