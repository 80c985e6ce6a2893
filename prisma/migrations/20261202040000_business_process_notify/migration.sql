-- Live "Limited processes" tickets: a process that a limit stopped, and its review, are announced
-- like operation requests are (operation_request_notify), on their own channel. Only the moves the
-- ticket table and its badge show: created limited, and leaving limited (approved or rejected).
-- Every other status change stays quiet, so the ledger's write rate does not wake every open tab.
-- Sent at commit, so never for a rolled-back process.
CREATE FUNCTION business_process_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('business_process_changed', json_build_object(
    'id', NEW.id, 'merchantId', NEW.merchant_id, 'state', NEW.status, 'at', now()
  )::text);
  RETURN NEW;
END;
$$;

CREATE TRIGGER business_process_limited_created
  AFTER INSERT ON "business_process"
  FOR EACH ROW WHEN (NEW.status = 'limited')
  EXECUTE FUNCTION business_process_notify();

CREATE TRIGGER business_process_limited_reviewed
  AFTER UPDATE OF status ON "business_process"
  FOR EACH ROW WHEN (OLD.status = 'limited' AND NEW.status IS DISTINCT FROM OLD.status)
  EXECUTE FUNCTION business_process_notify();
