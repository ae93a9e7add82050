-- A phone signed in by scanning a device token's QR code gets a session that remembers the token: revoking the
-- token ends the phone's sessions at once (docs/accounts.md).
ALTER TABLE "sessions" ADD COLUMN "device_token_id" UUID;
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_device_token_id_fkey" FOREIGN KEY ("device_token_id") REFERENCES "api_tokens"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE INDEX "sessions_device_token_id_idx" ON "sessions"("device_token_id");
