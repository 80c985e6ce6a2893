-- Publishable keys (issue 8, the embeddable script): what a merchant's page sends from the browser.
-- Public by design, so stored in clear; each lists the origins allowed to embed the hosted page
-- (frame-ancestors) and to read the merchant's sessions (CORS).

CREATE TABLE "publishable_key" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "merchant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "allowed_origins" TEXT[] NOT NULL,
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "publishable_key_pkey" PRIMARY KEY ("id"),
    -- Generated keys are "pk_" and 32 base62 characters; the seed's demo keys ("pk_demo_store")
    -- fit the same pattern. Never an "sk_" key: a secret key must not be stored in clear.
    CONSTRAINT "publishable_key_key_format" CHECK ("key" ~ '^pk_[A-Za-z0-9_]{8,64}$'),
    CONSTRAINT "publishable_key_name_length" CHECK (char_length("name") BETWEEN 1 AND 80),
    -- From one to 20 origins, each scheme://host[:port] exactly as normalizeOrigin() writes it:
    -- lower-case, no path, no trailing slash, no wildcard, no "null", no credentials. An origin has
    -- no space, so the list joined by spaces must be origins separated by single spaces; NULL
    -- entries (which array_to_string would skip) are refused on their own.
    CONSTRAINT "publishable_key_origins_count" CHECK (cardinality("allowed_origins") BETWEEN 1 AND 20),
    CONSTRAINT "publishable_key_origins_no_null" CHECK (array_position("allowed_origins", NULL) IS NULL),
    CONSTRAINT "publishable_key_origins_format" CHECK (
        array_to_string("allowed_origins", '') !~ '\s' AND
        array_to_string("allowed_origins", ' ') ~
          '^https?://([a-z0-9.-]+|\[[0-9a-f:.]+\])(:[0-9]{1,5})?( https?://([a-z0-9.-]+|\[[0-9a-f:.]+\])(:[0-9]{1,5})?)*$'
    ),
    CONSTRAINT "publishable_key_revoked_after_created" CHECK ("revoked_at" IS NULL OR "revoked_at" >= "created_at")
);

CREATE UNIQUE INDEX "publishable_key_key_key" ON "publishable_key"("key");
CREATE INDEX "publishable_key_merchant_id_created_at_idx" ON "publishable_key"("merchant_id", "created_at" DESC);

ALTER TABLE "publishable_key" ADD CONSTRAINT "publishable_key_merchant_id_fkey"
    FOREIGN KEY ("merchant_id") REFERENCES "merchant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "publishable_key" ADD CONSTRAINT "publishable_key_created_by_fkey"
    FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
