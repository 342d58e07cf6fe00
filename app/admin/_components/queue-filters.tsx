import { profileCodes, profileLabels } from '@/lib/catalogue/types'
import { ageBrackets, ageLabels } from '@/lib/tickets/age'
import type { StaffRef } from '@/lib/tickets/dto'
import { categoryOptions } from '@/lib/tickets/labels'
import type { QueueParams } from '@/lib/tickets/queue-url'
import { sortLabels, ticketSorts } from '@/lib/tickets/schemas'
import { statusLabels, ticketStatuses } from '@/lib/tickets/status'
import type { FieldErrors } from '@/lib/result'
import styles from './queue.module.css'

// A plain GET form: the filters land in the URL, so it works without JavaScript.

function Errors({ id, messages }: { id: string; messages: string[] | undefined }) {
  return messages?.length ? <p className="error" id={id}>{messages.join(' ')}</p> : null
}

export function QueueFilters({ params, staff, errors }: { params: QueueParams; staff: StaffRef[]; errors: FieldErrors }) {
  const invalid = (name: string) => (errors[name]?.length ? { 'aria-invalid': true, 'aria-describedby': `f-${name}-error` } : {})
  return (
    <form method="get" action="/admin" className={`card ${styles.filters}`} role="search" aria-label="Filtrer les signalements">
      <div className={`field ${styles.wide}`}>
        <label htmlFor="f-q">Rechercher</label>
        <input id="f-q" type="search" name="q" defaultValue={params.q ?? ''} placeholder="Message, nom, identifiant ou référence" {...invalid('q')} />
        <Errors id="f-q-error" messages={errors.q} />
      </div>
      <div className="field">
        <label htmlFor="f-status">Statut</label>
        <select id="f-status" name="status" defaultValue={params.status ?? ''} {...invalid('status')}>
          <option value="">Tous</option>
          {ticketStatuses.map((s) => <option key={s} value={s}>{statusLabels[s]}</option>)}
        </select>
        <Errors id="f-status-error" messages={errors.status} />
      </div>
      <div className="field">
        <label htmlFor="f-category">Catégorie</label>
        <select id="f-category" name="category" defaultValue={params.category ?? ''} {...invalid('category')}>
          <option value="">Toutes</option>
          {categoryOptions.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
        </select>
        <Errors id="f-category-error" messages={errors.category} />
      </div>
      <div className="field">
        <label htmlFor="f-profile">Profil</label>
        <select id="f-profile" name="profile" defaultValue={params.profile ?? ''} {...invalid('profile')}>
          <option value="">Tous</option>
          {profileCodes.map((p) => <option key={p} value={p}>{profileLabels[p]}</option>)}
        </select>
        <Errors id="f-profile-error" messages={errors.profile} />
      </div>
      <div className="field">
        <label htmlFor="f-establishment">Établissement (nom exact)</label>
        <input id="f-establishment" type="text" name="establishment" defaultValue={params.establishment ?? ''} {...invalid('establishment')} />
        <Errors id="f-establishment-error" messages={errors.establishment} />
      </div>
      <div className="field">
        <label htmlFor="f-assignee">Attribué à</label>
        <select id="f-assignee" name="assignee" defaultValue={params.assignee ?? ''} {...invalid('assignee')}>
          <option value="">N’importe qui</option>
          <option value="me">Moi</option>
          <option value="none">Personne (non attribué)</option>
          {staff.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
        <Errors id="f-assignee-error" messages={errors.assignee} />
      </div>
      <div className="field">
        <label htmlFor="f-from">Reçu à partir du</label>
        <input id="f-from" type="date" name="from" defaultValue={params.from ?? ''} {...invalid('from')} />
        <Errors id="f-from-error" messages={errors.from} />
      </div>
      <div className="field">
        <label htmlFor="f-to">Reçu jusqu’au</label>
        <input id="f-to" type="date" name="to" defaultValue={params.to ?? ''} {...invalid('to')} />
        <Errors id="f-to-error" messages={errors.to} />
      </div>
      <div className="field">
        <label htmlFor="f-age">Ouverts depuis</label>
        <select id="f-age" name="age" defaultValue={params.age ?? ''} {...invalid('age')}>
          <option value="">Toute ancienneté, ouverts ou clos</option>
          {ageBrackets.map((a) => <option key={a} value={a}>{ageLabels[a]}</option>)}
        </select>
        <Errors id="f-age-error" messages={errors.age} />
      </div>
      <div className="field">
        <label htmlFor="f-sort">Trier par</label>
        <select id="f-sort" name="sort" defaultValue={params.sort ?? 'created'} {...invalid('sort')}>
          {ticketSorts.map((s) => <option key={s} value={s}>{sortLabels[s]}</option>)}
        </select>
        <Errors id="f-sort-error" messages={errors.sort} />
      </div>
      <div className={`${styles.actions} ${styles.wide}`}>
        <button type="submit" className="button-primary">Filtrer</button>
        <a href="/admin">Réinitialiser les filtres</a>
      </div>
    </form>
  )
}
