-- SpotJob database bootstrap: the database `spotjob`, one login role per service that owns its own
-- schema and reaches nothing else. Idempotent: safe to run again (it resets the service passwords).
--
-- Single source for both ways of running SpotJob:
--   docker-compose   mounted as /docker-entrypoint-initdb.d/10-spotjob.sql; the postgres image runs it
--                    once, on an empty data volume, as POSTGRES_USER (the admin role)
--   local stack      deploy/local-stack.sh feeds it to psql as `postgres` after creating spotjob_admin
--
-- Needs psql 15 or later (\getenv). Inputs, as psql variables (psql -v name=value) or else the
-- environment:
--   intake_password     INTAKE_DB_PASSWORD      password of role intake
--   matching_password   MATCHING_DB_PASSWORD    password of role matching
--   followup_password   FOLLOWUP_DB_PASSWORD    password of role followup
--   billing_password    BILLING_DB_PASSWORD     password of role billing
--   admin_role          (default: current_user) owner of the database; objects it creates in a
--                       service schema (migrations run by hand, test fixtures) stay usable by the service
--
-- The model (docs/operations.md, "Least privilege"):
--   * PUBLIC may not connect to any database, nor create anything in schema public;
--   * role X (intake, ...) may connect to `spotjob` only, owns schema X and everything in it
--     (its migrations run at service start under role X), and has search_path = X;
--   * role X has no privilege on any other service's schema: no USAGE, so it can neither read nor
--     write nor create anything there (the system catalogs still show object names, as in any database).

\set ON_ERROR_STOP on

\if :{?intake_password}
\else
\getenv intake_password INTAKE_DB_PASSWORD
\endif
\if :{?matching_password}
\else
\getenv matching_password MATCHING_DB_PASSWORD
\endif
\if :{?followup_password}
\else
\getenv followup_password FOLLOWUP_DB_PASSWORD
\endif
\if :{?billing_password}
\else
\getenv billing_password BILLING_DB_PASSWORD
\endif
\if :{?admin_role}
\else
SELECT current_user AS admin_role \gset
\endif

-- Every password must be given: fail loudly rather than create a role nobody can log in as.
\if :{?intake_password}
\if :{?matching_password}
\if :{?followup_password}
\if :{?billing_password}
\set passwords_given true
\endif
\endif
\endif
\endif
\if :{?passwords_given}
\else
DO $$ BEGIN RAISE EXCEPTION 'set INTAKE_DB_PASSWORD, MATCHING_DB_PASSWORD, FOLLOWUP_DB_PASSWORD and BILLING_DB_PASSWORD (see .env.example)'; END $$;
\endif

-- No empty passwords, and none left at the placeholder of .env.example. In the postgres container
-- the superuser's POSTGRES_PASSWORD is checked too.
\getenv superuser_password POSTGRES_PASSWORD
\if :{?superuser_password}
\else
\set superuser_password ''
\endif
SELECT bool_or(password = '' OR password ILIKE 'change-me%') AS password_unusable,
       :'superuser_password' ILIKE 'change-me%' AS superuser_password_placeholder
FROM (VALUES (:'intake_password'), (:'matching_password'), (:'followup_password'), (:'billing_password')) AS given (password) \gset
\if :password_unusable
DO $$ BEGIN RAISE EXCEPTION 'INTAKE_DB_PASSWORD, MATCHING_DB_PASSWORD, FOLLOWUP_DB_PASSWORD and BILLING_DB_PASSWORD must all be set, and not to the change-me placeholders of .env.example'; END $$;
\endif
\if :superuser_password_placeholder
DO $$ BEGIN RAISE EXCEPTION 'SPOTJOB_ADMIN_DB_PASSWORD (POSTGRES_PASSWORD) is still the change-me placeholder of .env.example'; END $$;
\endif

CREATE TEMPORARY TABLE spotjob_service_roles (name text PRIMARY KEY, password text NOT NULL);
INSERT INTO spotjob_service_roles VALUES
    ('intake', :'intake_password'),
    ('matching', :'matching_password'),
    ('followup', :'followup_password'),
    ('billing', :'billing_password');

SELECT format('CREATE DATABASE spotjob OWNER %I', :'admin_role')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'spotjob') \gexec

-- Nobody connects anywhere by default; service roles reach only `spotjob`.
REVOKE ALL ON DATABASE spotjob FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE postgres FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE template1 FROM PUBLIC;

SELECT format('CREATE ROLE %I', name) FROM spotjob_service_roles
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = name) \gexec

SELECT format(
    'ALTER ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT PASSWORD %L',
    name, password)
FROM spotjob_service_roles ORDER BY name \gexec

SELECT format('ALTER ROLE %I SET search_path = %I', name, name) FROM spotjob_service_roles ORDER BY name \gexec
SELECT format('GRANT CONNECT ON DATABASE spotjob TO %I', name) FROM spotjob_service_roles ORDER BY name \gexec

-- The temporary table lives in this session only; take the names along into the next database.
SELECT string_agg(name, ',' ORDER BY name) AS service_roles FROM spotjob_service_roles \gset
DROP TABLE spotjob_service_roles;

\connect spotjob

REVOKE ALL ON SCHEMA public FROM PUBLIC;

SELECT format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', name, name),
       format('ALTER SCHEMA %I OWNER TO %I', name, name),
       format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', name),
       format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I GRANT ALL ON TABLES TO %I', :'admin_role', name, name),
       format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I GRANT ALL ON SEQUENCES TO %I', :'admin_role', name, name),
       format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I GRANT EXECUTE ON FUNCTIONS TO %I', :'admin_role', name, name)
FROM unnest(string_to_array(:'service_roles', ',')) AS name \gexec
