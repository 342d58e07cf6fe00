import { periodLabels, periodPresets, type PeriodPreset } from '@/lib/stats/schemas'

/** The period, as a GET form: it works without JavaScript and the choice lives in the URL. */
export function PeriodForm({ preset, from, to, error }: { preset: PeriodPreset; from: string; to: string; error: string | null }) {
  return (
    <form method="get" action="/admin/tableau-de-bord" className="period-form" aria-label="Période">
      <fieldset>
        <legend>Période</legend>
        <div className="period-choices">
          {periodPresets.map((p) => (
            <label key={p}>
              <input type="radio" name="period" value={p} defaultChecked={p === preset} /> {periodLabels[p]}
            </label>
          ))}
        </div>
        <div className="period-dates">
          <div className="field">
            <label htmlFor="period-from">Du (période choisie)</label>
            <input type="date" id="period-from" name="from" defaultValue={from} aria-invalid={error ? true : undefined} aria-describedby={error ? 'period-error' : undefined} />
          </div>
          <div className="field">
            <label htmlFor="period-to">Au (inclus)</label>
            <input type="date" id="period-to" name="to" defaultValue={to} aria-invalid={error ? true : undefined} aria-describedby={error ? 'period-error' : undefined} />
          </div>
        </div>
        {error ? <p className="error" id="period-error" role="alert">{error}</p> : null}
        <button type="submit" className="button-primary">Afficher</button>
      </fieldset>
    </form>
  )
}
