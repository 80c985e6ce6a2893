-- An operation request copies its payment's merchant, gateway and currency (so the ticket table
-- filters without a join). This foreign key keeps the copies true: a request can only name the
-- merchant, gateway and currency its payment has. Kept in SQL only, like the partial indexes.
CREATE UNIQUE INDEX "payment_transaction_identity_key"
  ON "payment_transaction" (id, merchant_id, gateway_id, currency);

ALTER TABLE "operation_request"
  ADD CONSTRAINT "operation_request_matches_payment"
  FOREIGN KEY (transaction_id, merchant_id, gateway_id, currency)
  REFERENCES "payment_transaction" (id, merchant_id, gateway_id, currency);
