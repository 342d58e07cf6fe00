// The empty page, rendered per request like every Relais page (they carry a per-request CSP nonce).
export const dynamic = 'force-dynamic'

export default function EmptyPage() {
  return <main />
}
