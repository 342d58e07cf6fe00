// Every domain that follows a ticket (lib/tickets/followers.ts) registers on import; this module
// imports them all. Imported by each process entry: instrumentation.ts (the server), lib/reports
// (scripts that file reports), and the test setup.
import '@/lib/ent-failures/follow'
import '@/lib/incidents/follow'
