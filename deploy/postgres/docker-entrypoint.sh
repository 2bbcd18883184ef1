#!/usr/bin/env bash
# Entrypoint of the `postgres` container in docker-compose.yml (mounted read-only at
# /etc/spotjob/postgres): TLS with the certificate and key of the compose secrets postgres_tls_cert
# and postgres_tls_key. The server must own its key (mode 0600), which a bind-mounted secret is not,
# so the key and certificate are copied for the `postgres` user; then the image's own entrypoint
# runs `postgres` with ssl = on. Clients connect with sslmode=verify-full (docs/operations.md).
set -Eeuo pipefail

readonly TLS_DIR=/var/lib/postgresql/tls

if [[ ${1:-} == postgres ]]; then
  if [[ $(id -u) == 0 ]]; then
    for secret in postgres_tls_cert postgres_tls_key; do
      [[ -r /run/secrets/$secret ]] || { echo "spotjob: secret $secret is missing (see .env.example, TLS)" >&2; exit 1; }
    done
    install -d -o postgres -g postgres -m 0700 "$TLS_DIR"
    install -o postgres -g postgres -m 0644 /run/secrets/postgres_tls_cert "$TLS_DIR/server.pem"
    install -o postgres -g postgres -m 0600 /run/secrets/postgres_tls_key "$TLS_DIR/server.key"
  fi
  shift
  set -- postgres -c ssl=on -c "ssl_cert_file=$TLS_DIR/server.pem" -c "ssl_key_file=$TLS_DIR/server.key" \
    -c ssl_min_protocol_version=TLSv1.2 "$@"
fi

exec docker-entrypoint.sh "$@"
