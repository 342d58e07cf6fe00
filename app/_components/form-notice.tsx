/** The outcome of a form action: a polite status after a success, an alert after a failure. */
export function FormNotice({ ok, message }: { ok?: boolean; message?: string }) {
  if (!message) return null
  return (
    <div className={`notice ${ok ? 'notice-ok' : 'notice-error'}`} role={ok ? 'status' : 'alert'}>
      <p>{message}</p>
    </div>
  )
}
