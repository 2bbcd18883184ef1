#!/usr/bin/env bash
# Makes the Compose stack's TLS material (docker-compose.yml's tls_* secrets) with openssl: a
# certificate authority of its own and one server certificate each for RabbitMQ and PostgreSQL,
# valid for the names the containers are reached by (rabbitmq and the cluster profile's rabbitmq-2
# and rabbitmq-3, postgres; localhost, 127.0.0.1) and any NAME given (the host name jobcenter systems
# use to reach the broker).
#
#   bash deploy/compose/make-certs.sh [DIR [NAME…]]     (DIR default: .secrets/tls)
#
# Writes DIR/ca.pem (what clients trust), DIR/ca.key, DIR/rabbitmq.{pem,key}, DIR/postgres.{pem,key}.
# Keeps what exists: delete a file to make it again (a new CA means new server certificates and a new
# ca.pem for every client). Keys are mode 0600; the containers copy them to their server's user.
set -euo pipefail
dir="${1:-.secrets/tls}"
shift || true
extra=("$@")
mkdir -p "$dir"
chmod 700 "$dir"
umask 077
if [[ ! -s $dir/ca.pem || ! -s $dir/ca.key ]]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 \
    -subj "/CN=SpotJob compose CA" -keyout "$dir/ca.key" -out "$dir/ca.pem" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  rm -f "$dir/rabbitmq.pem" "$dir/postgres.pem"
  echo "make-certs: made the certificate authority $dir/ca.pem" >&2
fi
for server in rabbitmq postgres; do
  [[ -s $dir/$server.pem && -s $dir/$server.key ]] && continue
  names="DNS:$server,DNS:localhost,IP:127.0.0.1"
  [[ $server == rabbitmq ]] && names="DNS:rabbitmq,DNS:rabbitmq-2,DNS:rabbitmq-3,DNS:localhost,IP:127.0.0.1"
  for name in "${extra[@]}"; do
    if [[ $name =~ ^[0-9.]+$ || $name == *:* ]]; then names+=",IP:$name"; else names+=",DNS:$name"; fi
  done
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$server" \
    -keyout "$dir/$server.key" -out "$dir/$server.csr" 2>/dev/null
  openssl x509 -req -in "$dir/$server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -days 825 \
    -out "$dir/$server.pem" -extfile <(printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' "$names") 2>/dev/null
  rm -f "$dir/$server.csr"
  echo "make-certs: made $dir/$server.pem for $names" >&2
done
chmod 644 "$dir/ca.pem" "$dir/rabbitmq.pem" "$dir/postgres.pem"
chmod 600 "$dir/ca.key" "$dir/rabbitmq.key" "$dir/postgres.key"
