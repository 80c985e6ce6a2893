-- The sandbox gateway's card side (issue 8): tokens, charges (3-D Secure challenge, the gateway's
-- own payment page) and captures. The sandbox plays an outside provider; its tables hold what a
-- provider would, and never a card number or a security code (there is no column for either, and
-- tests/integration/sandbox-cards.test.ts scans every text column after tokenizing).

CREATE TYPE "SandboxCardScenario" AS ENUM ('frictionless', 'challenge', 'three_ds_failed', 'declined', 'insufficient_funds', 'no_three_ds');
CREATE TYPE "SandboxChargeSource" AS ENUM ('card_token', 'saved_card', 'redirect', 'apple_pay');
CREATE TYPE "SandboxChargeStatus" AS ENUM ('pending_challenge', 'pending_redirect', 'succeeded', 'declined', 'failed');
CREATE TYPE "SandboxThreeDs" AS ENUM ('none', 'frictionless', 'challenge');

CREATE TABLE "sandbox_card_token" (
    "token" TEXT NOT NULL,
    "brand" TEXT NOT NULL,
    "last4" CHAR(4) NOT NULL,
    "exp_month" SMALLINT NOT NULL,
    "exp_year" SMALLINT NOT NULL,
    "holder" TEXT NOT NULL,
    "scenario" "SandboxCardScenario" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sandbox_card_token_pkey" PRIMARY KEY ("token"),
    CONSTRAINT "sandbox_card_token_brand" CHECK ("brand" IN ('visa', 'mastercard', 'amex', 'unknown')),
    CONSTRAINT "sandbox_card_token_last4" CHECK ("last4" ~ '^[0-9]{4}$'),
    CONSTRAINT "sandbox_card_token_exp_month" CHECK ("exp_month" BETWEEN 1 AND 12),
    CONSTRAINT "sandbox_card_token_exp_year" CHECK ("exp_year" BETWEEN 2000 AND 9999),
    CONSTRAINT "sandbox_card_token_holder" CHECK (char_length("holder") BETWEEN 1 AND 100),
    -- A token is an opaque random string, never something a number could hide in.
    CONSTRAINT "sandbox_card_token_token" CHECK ("token" ~ '^tok_sbx_[0-9a-f]{32}$')
);

CREATE TABLE "sandbox_charge" (
    "reference" TEXT NOT NULL,
    "merchant_id" UUID NOT NULL,
    "gateway_code" VARCHAR(25) NOT NULL,
    "payment_id" UUID NOT NULL,
    "attempt_id" TEXT NOT NULL,
    "amount" DECIMAL(20,3) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "capture" BOOLEAN NOT NULL,
    "captured_amount" DECIMAL(20,3) NOT NULL DEFAULT 0,
    "source" "SandboxChargeSource" NOT NULL,
    "status" "SandboxChargeStatus" NOT NULL,
    "three_ds" "SandboxThreeDs" NOT NULL,
    "card_token" TEXT,
    "card_brand" TEXT,
    "card_last4" CHAR(4),
    "card_exp_month" SMALLINT,
    "card_exp_year" SMALLINT,
    "return_url" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "sandbox_charge_pkey" PRIMARY KEY ("reference"),
    CONSTRAINT "sandbox_charge_amount_positive" CHECK ("amount" > 0),
    -- Only a succeeded charge has captured anything, never more than its amount; a purchase
    -- (capture) that succeeded captured all of it at once.
    CONSTRAINT "sandbox_charge_captured_range" CHECK ("captured_amount" >= 0 AND "captured_amount" <= "amount"),
    CONSTRAINT "sandbox_charge_captured_only_succeeded" CHECK ("captured_amount" = 0 OR "status" = 'succeeded'),
    CONSTRAINT "sandbox_charge_purchase_captured" CHECK (NOT ("capture" AND "status" = 'succeeded') OR "captured_amount" = "amount"),
    -- Pending exactly until it finishes; the pending states belong to their own flow.
    CONSTRAINT "sandbox_charge_finished" CHECK (("status" IN ('pending_challenge', 'pending_redirect')) = ("finished_at" IS NULL)),
    CONSTRAINT "sandbox_charge_challenge_flow" CHECK ("status" <> 'pending_challenge' OR ("three_ds" = 'challenge' AND "source" IN ('card_token', 'saved_card'))),
    CONSTRAINT "sandbox_charge_redirect_flow" CHECK ("status" <> 'pending_redirect' OR "source" = 'redirect'),
    -- A card charge names its card (as brand, last 4 and expiry; never the number); others none.
    CONSTRAINT "sandbox_charge_card" CHECK (
      CASE WHEN "source" IN ('card_token', 'saved_card')
        THEN "card_token" IS NOT NULL AND "card_brand" IS NOT NULL AND "card_last4" IS NOT NULL
             AND "card_exp_month" IS NOT NULL AND "card_exp_year" IS NOT NULL
        ELSE "card_token" IS NULL AND "card_brand" IS NULL AND "card_last4" IS NULL
             AND "card_exp_month" IS NULL AND "card_exp_year" IS NULL
      END),
    -- The open-redirect guard's last line: the app checks the origin, the table the scheme.
    CONSTRAINT "sandbox_charge_return_url" CHECK ("return_url" ~ '^https?://'),
    CONSTRAINT "sandbox_charge_attempt_id" CHECK (char_length("attempt_id") BETWEEN 1 AND 255)
);

CREATE UNIQUE INDEX "sandbox_charge_attempt_id_key" ON "sandbox_charge"("attempt_id");
CREATE INDEX "sandbox_charge_merchant_id_payment_id_idx" ON "sandbox_charge"("merchant_id", "payment_id");

-- The gateway by (merchant, code): the charge's merchant and gateway cannot disagree.
ALTER TABLE "sandbox_charge" ADD CONSTRAINT "sandbox_charge_merchant_id_gateway_code_fkey" FOREIGN KEY ("merchant_id", "gateway_code") REFERENCES "payment_gateway"("merchant_id", "code") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "sandbox_charge" ADD CONSTRAINT "sandbox_charge_card_token_fkey" FOREIGN KEY ("card_token") REFERENCES "sandbox_card_token"("token") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "sandbox_capture" (
    "idempotency_key" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "amount" DECIMAL(20,3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sandbox_capture_pkey" PRIMARY KEY ("idempotency_key"),
    CONSTRAINT "sandbox_capture_amount_positive" CHECK ("amount" > 0)
);

-- One capture per charge (partial allowed; the rest of the hold is released).
CREATE UNIQUE INDEX "sandbox_capture_reference_key" ON "sandbox_capture"("reference");

ALTER TABLE "sandbox_capture" ADD CONSTRAINT "sandbox_capture_reference_fkey" FOREIGN KEY ("reference") REFERENCES "sandbox_charge"("reference") ON DELETE CASCADE ON UPDATE CASCADE;
