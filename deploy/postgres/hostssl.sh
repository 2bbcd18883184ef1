# Sourced by the postgres image's entrypoint from /docker-entrypoint-initdb.d when the data volume is
# initialised (docker-compose.yml): logins over TCP must use TLS. Every `host` line of pg_hba.conf
# (initdb's loopback lines and the entrypoint's `host all all all …`) becomes `hostssl`, so a TCP
# connection without TLS is refused; the socket inside the container stays as it was.
sed -ri 's/^host(\s)/hostssl\1/' "$PGDATA/pg_hba.conf"
if grep -qE '^host\s' "$PGDATA/pg_hba.conf" || ! grep -qE '^hostssl\s+all\s+all\s+all\s' "$PGDATA/pg_hba.conf"; then
  echo "spotjob: pg_hba.conf is not hostssl-only" >&2
  exit 1
fi
echo "spotjob: TCP logins require TLS (pg_hba.conf: hostssl)" >&2
