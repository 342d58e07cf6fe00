// `npm run mail:deliver`: one delivery pass over the outbox (the server also runs one continuously),
// then exits. Prints counts only. Without SMTP_URL it says so and sends nothing.
import fs from 'node:fs'
import path from 'node:path'

// The tracking tokens in the outbox are sealed with the server secret: use the one `npm start` uses.
const secretFile = path.resolve(__dirname, '..', 'data', 'auth-secret')
if (!process.env.NEXTAUTH_SECRET && fs.existsSync(secretFile)) process.env.NEXTAUTH_SECRET = fs.readFileSync(secretFile, 'utf8').trim()

async function main() {
  const { db } = await import('@/lib/db')
  const { createMailTransport, deliverOnce } = await import('@/lib/mail/worker')
  const transport = createMailTransport()
  if (!transport) {
    console.log('SMTP non configuré (SMTP_URL) : les messages restent dans l’outbox.')
  } else {
    const count = await deliverOnce(transport)
    if (count.sent + count.retried + count.failed === 0) console.log('Aucun message à envoyer.')
    transport.close()
  }
  await db.$disconnect()
}

// tsx compiles this file as CommonJS (no top-level await).
void main()
