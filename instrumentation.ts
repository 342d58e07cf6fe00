// Runs once when a Next.js server process starts, before any request. It captures the detached async
// scope (lib/security/detached-scope.ts), registers every domain that follows a ticket with lib/tickets
// (a ticket re-filed by an agent changes incident even before any report was taken), and, with no
// staff account yet (nobody could sign in), says once in the server log how to create the first one. It starts the mail delivery worker (lib/mail).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { captureDetachedScope } = await import('./lib/security/detached-scope')
  captureDetachedScope()
  await import('./lib/followers')
  const { logFirstAccountHint } = await import('./lib/accounts/startup')
  await logFirstAccountHint()
  const { startServerMailWorker } = await import('./lib/mail/startup')
  startServerMailWorker()
}
