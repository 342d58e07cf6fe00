// Runs once when a Next.js server process starts. With no staff account yet, nobody could sign in:
// say once, in the server log, how to create the first one.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { logFirstAccountHint } = await import('./lib/accounts/startup')
  await logFirstAccountHint()
}
