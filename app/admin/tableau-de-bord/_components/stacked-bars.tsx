import { scaleBand, scaleLinear } from 'd3-scale'
import { stack } from 'd3-shape'

// A stacked bar chart rendered on the server as SVG: no JavaScript in the browser, prints as drawn.
// Scales, ticks and stacking come from d3-scale and d3-shape (pure functions, no DOM), React draws
// the marks. Generic: the dashboard passes its buckets, categories and colours.

export interface StackedBarsProps<K extends string> {
  /** Short description for assistive technology; the full figures are in the table below. */
  label: string
  keys: readonly K[]
  colours: Record<K, string>
  buckets: { label: string; values: Record<K, number> }[]
  /** Vertical marks on the time axis (open incidents): index of the bucket and a label. */
  marks?: { index: number; label: string }[]
}

const WIDTH = 800
const HEIGHT = 300
const margin = { top: 12, right: 12, bottom: 48, left: 48 }
const numberFormat = new Intl.NumberFormat('fr-FR')

export function StackedBars<K extends string>({ label, keys, colours, buckets, marks = [] }: StackedBarsProps<K>) {
  const layers = stack<{ label: string; values: Record<K, number> }, K>()
    .keys(keys)
    .value((d, key) => d.values[key])(buckets)
  const max = Math.max(1, ...buckets.map((b) => keys.reduce((sum, k) => sum + b.values[k], 0)))
  const x = scaleBand<number>()
    .domain(buckets.map((_, i) => i))
    .range([margin.left, WIDTH - margin.right])
    .paddingInner(buckets.length > 60 ? 0.05 : 0.2)
  const y = scaleLinear().domain([0, max]).nice().range([HEIGHT - margin.bottom, margin.top])
  const yTicks = y.ticks(5).filter(Number.isInteger)
  const every = Math.max(1, Math.ceil(buckets.length / 10))
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} className="chart" preserveAspectRatio="xMidYMid meet">
      <g aria-hidden="true">
        {yTicks.map((t) => (
          <g key={t} transform={`translate(0, ${y(t)})`}>
            <line x1={margin.left} x2={WIDTH - margin.right} stroke="#d5dae0" />
            <text x={margin.left - 6} dy="0.32em" textAnchor="end" fontSize="12" fill="#1b1f24">{numberFormat.format(t)}</text>
          </g>
        ))}
        {layers.map((layer) => (
          <g key={layer.key} fill={colours[layer.key]}>
            {layer.map(([y0, y1], i) =>
              y1 > y0 ? <rect key={i} x={x(i)} y={y(y1)} width={x.bandwidth()} height={y(y0) - y(y1)} stroke="#ffffff" strokeWidth={0.5} /> : null,
            )}
          </g>
        ))}
        {buckets.map((b, i) =>
          i % every === 0 ? (
            <text key={i} x={x(i)! + x.bandwidth() / 2} y={HEIGHT - margin.bottom + 16} textAnchor="middle" fontSize="11" fill="#1b1f24">
              {b.label}
            </text>
          ) : null,
        )}
        <line x1={margin.left} x2={WIDTH - margin.right} y1={y(0)} y2={y(0)} stroke="#1b1f24" />
        {marks.map((m) => {
          const at = x(m.index) ?? margin.left
          // In the right half the label reads leftwards from its line, or today's mark runs off the chart.
          const leftwards = at > WIDTH / 2
          return (
            <g key={`${m.index}-${m.label}`}>
              <line x1={at} x2={at} y1={margin.top} y2={HEIGHT - margin.bottom} stroke="#1b1f24" strokeDasharray="4 3" />
              <text x={leftwards ? at - 4 : at + 4} y={margin.top + 10} textAnchor={leftwards ? 'end' : 'start'} fontSize="11" fill="#1b1f24">
                {m.label}
              </text>
            </g>
          )
        })}
      </g>
    </svg>
  )
}
