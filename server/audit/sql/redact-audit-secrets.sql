-- The audit trail never stores a secret. Every audit row goes through this trigger before it is
-- written, whoever writes it (record-audit.ts, ll_audit_points(), a writer added later), so the
-- rule lives in one place. The trail is append-only and read by every owner and staff member:
-- a token recorded here could never be taken back.
--
-- In details, at any depth:
-- - a value under a key that names a secret (token, secret, password, api key, authorization,
--   signature, credential, cookie, session, ...) becomes "[redacted]", whatever its type;
-- - in every string, a URL's user info, query string and fragment become "[redacted]"
--   (https://x.example/hook?token=abc -> https://x.example/hook?[redacted]): integrators put
--   tokens there, and the path is enough to recognise an endpoint;
-- - our own API keys and webhook signing secrets, and bearer tokens, found anywhere in a string.

CREATE OR REPLACE FUNCTION ll_secret_key(p_key text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT lower(regexp_replace(p_key, '[^a-zA-Z0-9]', '', 'g'))
         ~ '(token|secret|passw|passphrase|apikey|authorization|signature|credential|cookie|session|privatekey|key$|^auth$|^pin$)'
$$;

CREATE OR REPLACE FUNCTION ll_redact_text(p_text text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT regexp_replace(regexp_replace(regexp_replace(regexp_replace(p_text,
    '([a-z][a-z0-9+.-]*://)[^/?#[:space:]@]+@', '\1[redacted]@', 'gi'),
    '([a-z][a-z0-9+.-]*://[^?#[:space:]]*)([?#])[^[:space:]]*', '\1\2[redacted]', 'gi'),
    '(ll_live_|whsec_)[A-Za-z0-9+/=_-]+', '\1[redacted]', 'g'),
    '(bearer)[[:space:]]+[A-Za-z0-9._~+/=-]{16,}', '\1 [redacted]', 'gi')
$$;

CREATE OR REPLACE FUNCTION ll_redact_secrets(p_value jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  CASE jsonb_typeof(p_value)
    WHEN 'object' THEN
      RETURN (SELECT coalesce(jsonb_object_agg(d.key, CASE WHEN ll_secret_key(d.key) THEN '"[redacted]"'::jsonb ELSE ll_redact_secrets(d.value) END), '{}'::jsonb)
              FROM jsonb_each(p_value) d);
    WHEN 'array' THEN
      RETURN (SELECT coalesce(jsonb_agg(ll_redact_secrets(a.value) ORDER BY a.ordinality), '[]'::jsonb)
              FROM jsonb_array_elements(p_value) WITH ORDINALITY a);
    WHEN 'string' THEN
      RETURN to_jsonb(ll_redact_text(p_value #>> '{}'));
    ELSE
      RETURN p_value;
  END CASE;
END $$;

CREATE OR REPLACE FUNCTION ll_redact_audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."details" := ll_redact_secrets(NEW."details");
  RETURN NEW;
END $$;
