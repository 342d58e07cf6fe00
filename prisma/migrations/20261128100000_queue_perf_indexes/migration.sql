-- CreateIndex
CREATE INDEX "Ticket_category_status_id_idx" ON "Ticket"("category", "status", "id");

-- CreateIndex
CREATE INDEX "Ticket_assigneeId_status_id_idx" ON "Ticket"("assigneeId", "status", "id");
