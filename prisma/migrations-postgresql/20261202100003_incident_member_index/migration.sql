-- The open incidents above the queue read their profiles and recent timeline from this index alone.
CREATE INDEX "Ticket_incidentId_createdAt_profile_idx" ON "Ticket"("incidentId", "createdAt", "profile");
