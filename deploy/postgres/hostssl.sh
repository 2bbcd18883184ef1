# Sourced by the postgres image's entrypoint from /docker-entrypoint-initdb.d when the data volume is
# initialised (docker-compose.yml): logins over TCP must use TLS. The entrypoint has just written
# `host all all all scram-sha-256`; it becomes `hostssl`, so a connection without TLS is refused.
sed -ri 's/^host(\s+all\s+all\s+all\s+)/hostssl\1/' "$PGDATA/pg_hba.conf"
grep -qE '^hostssl\s+all\s+all\s+all\s' "$PGDATA/pg_hba.conf" || { echo "spotjob: no hostssl line in pg_hba.conf" >&2; exit 1; }
echo "spotjob: TCP logins require TLS (pg_hba.conf: hostssl)" >&2
