import { suggestPhrase } from '@/lib/rules/suggest'
import type { TicketDetail } from '@/lib/tickets/dto'
import { labelForCategory } from '@/lib/tickets/labels'

// After a category corrected by hand, the admin may turn the message's words into a school rule
// for the new category: a plain GET form to the Catalogue page, which fills in the rule and starts
// its dry run (issue 15 §2). Works without JavaScript up to the dry run itself.

export function correctedByHand(ticket: TicketDetail): boolean {
  return ticket.category !== 'UNKNOWN' && ticket.history.some((e) => e.type === 'CATEGORY_CHANGED')
}

export function LearnRule({ ticket }: { ticket: TicketDetail }) {
  return (
    <form method="get" action="/admin/catalogue" className="card report-form" aria-labelledby="learn-rule-title">
      <h3 id="learn-rule-title">Apprendre de cette correction</h3>
      <p className="hint" id="learn-rule-hint">
        Les prochains messages contenant ces mots seront classés « {labelForCategory(ticket.category)} ». Vous verrez d’abord
        quels signalements enregistrés changeraient.
      </p>
      <input type="hidden" name="categorie" value={ticket.category} />
      <input type="hidden" name="essai" value="1" />
      <div className="field">
        <label htmlFor="learn-rule-words">Mots du message à reconnaître</label>
        <input id="learn-rule-words" type="text" name="motif" required maxLength={300} defaultValue={suggestPhrase(ticket.message)} aria-describedby="learn-rule-hint" />
      </div>
      <button type="submit" className="button-primary">
        Créer une règle et l’essayer
      </button>
    </form>
  )
}
