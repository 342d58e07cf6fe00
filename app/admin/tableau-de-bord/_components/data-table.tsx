import type { CsvValue } from '@/lib/csv'
import type { DataTable } from '@/lib/stats/tables'

const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 })
const show = (v: CsvValue) => (v === null || v === undefined || v === '' ? '—' : typeof v === 'number' ? numberFormat.format(v) : v)

/** A chart's figures behind "Voir les données", with the same rows as a CSV download. */
export function DataDisclosure({ table, caption, csvHref }: { table: DataTable; caption: string; csvHref: string }) {
  return (
    <details className="data-details">
      <summary>Voir les données</summary>
      <Table table={table} caption={caption} />
      <p><a href={csvHref} download>Télécharger ce tableau (CSV)</a></p>
    </details>
  )
}

export function Table({ table, caption }: { table: DataTable; caption: string }) {
  return (
    // Focusable and named: a wide table scrolls sideways on a phone, by keyboard too.
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>{table.header.map((h) => <th key={h} scope="col">{h}</th>)}</tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) => (j === 0 ? <th key={j} scope="row">{show(cell)}</th> : <td key={j}>{show(cell)}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
