// The columns of a Ticket that hold a person's data, listed once (issue 12): anonymisation (the
// retention purge and erasure on request) blanks them, the personal-data export gives them, and
// those marked `searched` are the search index's words (tests/integration/personal-fields.test.ts
// compares this list with the columns of `ticket_fts`). Pure.

export const ERASED_TEXT = '[effacé]'

export const ticketPersonalFields = {
  message: { erasedTo: ERASED_TEXT, searched: true },
  fullName: { erasedTo: ERASED_TEXT, searched: true },
  email: { erasedTo: null, searched: true },
  login: { erasedTo: null, searched: true },
  entName: { erasedTo: null, searched: false },
  entLogin: { erasedTo: null, searched: true },
  url: { erasedTo: null, searched: false },
  publicMessage: { erasedTo: null, searched: false },
  // The evidence quotes the message; the variant can name the address tried.
  evidence: { erasedTo: '[]', searched: false },
  variant: { erasedTo: null, searched: false },
} as const satisfies Record<string, { erasedTo: string | null; searched: boolean }>

export type TicketPersonalField = keyof typeof ticketPersonalFields
export const ticketPersonalFieldNames = Object.keys(ticketPersonalFields) as TicketPersonalField[]

/** What anonymisation writes over a ticket's personal columns. */
export const erasedTicketFields = Object.fromEntries(
  ticketPersonalFieldNames.map((name) => [name, ticketPersonalFields[name].erasedTo]),
) as { [K in TicketPersonalField]: (typeof ticketPersonalFields)[K]['erasedTo'] }

/** Keys of a history snapshot (a ticket's or an ENT record's) that hold personal data. */
export const snapshotPersonalKeys: ReadonlySet<string> = new Set([...ticketPersonalFieldNames, 'note', 'linkedLogin', 'name'])
