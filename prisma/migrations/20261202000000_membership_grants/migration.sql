-- Permissions granted to one membership on top of its role (issue 7: the ledger's viewer scopes,
-- running, review and the service role are assigned per role and per membership).
ALTER TABLE "membership" ADD COLUMN "granted_permissions" TEXT[] NOT NULL DEFAULT '{}';

CREATE FUNCTION text_array_has_no_duplicates(items text[]) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT count(*) = count(DISTINCT item) FROM unnest(items) AS item $$;

-- Only the grantable names of lib/domain/auth/permissions.ts GRANTABLE_PERMISSIONS, each once.
ALTER TABLE "membership" ADD CONSTRAINT "membership_granted_permissions_known" CHECK (
  "granted_permissions" <@ ARRAY['transactions.view_client', 'transactions.view_system',
    'processes.run', 'processes.review', 'processes.service']::text[]
  AND text_array_has_no_duplicates("granted_permissions")
);
