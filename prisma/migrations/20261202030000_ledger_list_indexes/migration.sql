-- The Transactions list filtered by currency and an amount range (the ledger bench's fourth filter
-- set scanned the type index and threw most rows away without it).
CREATE INDEX "business_process_merchant_id_currency_amount_idx" ON "business_process"("merchant_id", "currency", "amount");
