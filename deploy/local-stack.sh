#!/usr/bin/env bash
# SpotJob local stack: PostgreSQL 15 and RabbitMQ 3.10 on this machine, without Docker.
#
#   deploy/local-stack.sh up                 install what is missing, start, provision, print env
#   deploy/local-stack.sh down               stop both servers (data kept)
#   deploy/local-stack.sh status             one line per server; exit 0 if both run, 3 otherwise
#   deploy/local-stack.sh env                print `export ...` lines with the connection URLs and the CPR keys
#   deploy/local-stack.sh restart-postgres   stop + start PostgreSQL, return once it accepts connections
#   deploy/local-stack.sh restart-rabbitmq   stop + start the RabbitMQ node, same
#   deploy/local-stack.sh destroy            down + delete the stack directory (data and passwords)
#   deploy/local-stack.sh rabbitmqctl ARGS   run rabbitmqctl against our node (private Erlang cookie)
#
# Typical use:  source <(deploy/local-stack.sh up)      # progress goes to stderr, env to stdout
#
# Settings (environment):
#   SPOTJOB_STACK_DIR        data, logs, secrets        (default: <repo>/.local/stack)
#   SPOTJOB_PG_PORT          PostgreSQL TCP port         (default: 25432)
#   SPOTJOB_AMQP_PORT        RabbitMQ AMQP port          (default: 25672)
#   SPOTJOB_AMQPS_PORT       RabbitMQ AMQP over TLS port (default: AMQP port - 1)
#   SPOTJOB_AMQP_DIST_PORT   RabbitMQ Erlang dist port   (default: AMQP port + 1)
#   SPOTJOB_RABBITMQ_MANAGEMENT_PORT  RabbitMQ management HTTP API, loopback only, for
#                            `spotjob jobcenters` (default: AMQP port + 2)
#   REJECTED_RETENTION_DAYS  days a refused message is kept: its dead letter in the *.dead queues
#                            (a broker policy) and, via `env`, its row in the services' schemas (default: 90)
# Ports and the retention chosen on `up` are remembered in <stack>/stack.conf; later commands use
# them unless overridden.
#
# TLS: the stack makes its own certificate authority and a server certificate for `localhost` and
# 127.0.0.1 (openssl, in <stack>/tls, kept), and `env` prints URLs that use them: amqps:// to
# RabbitMQ's TLS listener and sslmode=verify-full to PostgreSQL, both verifying the chain and the host
# name against <stack>/tls/ca.pem (SPOTJOB_CA_FILE). The plain AMQP port stays open on loopback for
# health probes and the TLS benchmark.
#
# Runs as root (apt-get, runuser). Both servers listen on 127.0.0.1 only. RabbitMQ runs as node
# spotjob-<amqp port>@localhost with its own Erlang cookie in <stack>/rabbitmq/home, so it never
# clashes with a system rabbitmq-server (rabbit@<host>, ports 5672/25672) or a system PostgreSQL.
set -Eeuo pipefail

readonly PROG=local-stack
trap 'rc=$?; printf "%s: error: command failed (exit %s) at line %s: %s\n" "$PROG" "$rc" "$LINENO" "$BASH_COMMAND" >&2' ERR

SCRIPT_PATH=$(readlink -f -- "${BASH_SOURCE[0]}")
DEPLOY_DIR=$(dirname -- "$SCRIPT_PATH")
REPO_DIR=$(dirname -- "$DEPLOY_DIR")
readonly SCRIPT_PATH DEPLOY_DIR REPO_DIR
readonly PERMISSIONS_FILE="$DEPLOY_DIR/rabbitmq/permissions.tsv"
# Shared with docker-compose.yml, so both apply the same roles, users, permissions and queues:
readonly TOPOLOGY_FILE="$DEPLOY_DIR/rabbitmq/topology.tsv"
readonly DEFINITIONS_RENDERER="$DEPLOY_DIR/rabbitmq/render-definitions.sh"
readonly PG_BOOTSTRAP_SQL="$DEPLOY_DIR/postgres/bootstrap.sql"

readonly PG_BIN=/usr/lib/postgresql/15/bin
readonly RMQ_BIN=/usr/lib/rabbitmq/bin
readonly APT_PACKAGES=(postgresql rabbitmq-server librabbitmq-dev libpq-dev libssl-dev amqp-tools openssl)
readonly HOST=127.0.0.1
readonly DATABASE=spotjob
readonly VHOST=spotjob
readonly PG_ADMIN_ROLE=spotjob_admin
readonly AMQP_ADMIN_USER=spotjob-admin
readonly SERVICES=(intake matching followup billing)
# Bump when the provisioning steps change, so running stacks get re-provisioned on the next `up`.
# v4: spotjob.dead became a topic exchange (a direct one is replaced) with the dead-letter policy.
# v5: one user and queue per jobcenter, fed by the headers exchange spotjob.jobcenters.
# v6: the administrator is an impersonator: a replayed dead letter keeps its sender (user_id).
# v7: the shared user `jobcenter` is gone (tenants only); the management plugin is enabled.
readonly PROVISION_VERSION=7

STACK_DIR=$(realpath -m -- "${SPOTJOB_STACK_DIR:-$REPO_DIR/.local/stack}")
readonly STACK_DIR
readonly STACK_MARKER="$STACK_DIR/.spotjob-local-stack"
readonly STACK_CONF="$STACK_DIR/stack.conf"
readonly SECRETS_FILE="$STACK_DIR/secrets.env"
# CPR keys (base64, 32 bytes each) for matching: one file per key, generated once, kept forever.
readonly CPR_SECRETS_DIR="$STACK_DIR/secrets"
readonly LOG_DIR="$STACK_DIR/logs"
readonly TLS_DIR="$STACK_DIR/tls"
readonly CA_FILE="$TLS_DIR/ca.pem"
readonly PG_DIR="$STACK_DIR/postgres"
readonly PG_DATA="$PG_DIR/data"
readonly PG_SOCKET_DIR="$PG_DIR/run"
readonly PG_LOG="$LOG_DIR/postgres.log"
readonly PG_STAMP="$PG_DIR/provisioned"
readonly RMQ_DIR="$STACK_DIR/rabbitmq"
readonly RMQ_HOME="$RMQ_DIR/home"
readonly RMQ_COOKIE="$RMQ_HOME/.erlang.cookie"
readonly RMQ_MNESIA="$RMQ_DIR/mnesia"
readonly RMQ_CONF="$RMQ_DIR/rabbitmq.conf"
readonly RMQ_PID_FILE="$RMQ_DIR/rabbitmq.pid"
readonly RMQ_STAMP="$RMQ_DIR/provisioned"
readonly RMQ_LOG_DIR="$LOG_DIR/rabbitmq"
readonly RMQ_STARTUP_LOG="$RMQ_LOG_DIR/startup.log"

log() { printf '%s: %s\n' "$PROG" "$*" >&2; }
die() { printf '%s: error: %s\n' "$PROG" "$*" >&2; exit 1; }
need_root() { [[ $(id -u) == 0 ]] || die "'$1' must run as root (it uses apt-get and runuser)"; }

# ---------------------------------------------------------------------------------------------
# Configuration: ports and retention (env > stack.conf > defaults)

load_settings() {
  local stored_pg='' stored_amqp='' stored_amqps='' stored_dist='' stored_management='' stored_retention='' key value
  if [[ -r $STACK_CONF ]]; then
    while IFS='=' read -r key value; do
      case $key in
        PG_PORT) stored_pg=$value ;;
        AMQP_PORT) stored_amqp=$value ;;
        AMQPS_PORT) stored_amqps=$value ;;
        AMQP_DIST_PORT) stored_dist=$value ;;
        MANAGEMENT_PORT) stored_management=$value ;;
        REJECTED_RETENTION_DAYS) stored_retention=$value ;;
      esac
    done <"$STACK_CONF"
  fi
  export REJECTED_RETENTION_DAYS=${REJECTED_RETENTION_DAYS:-${stored_retention:-90}} # for the renderer
  if ! [[ $REJECTED_RETENTION_DAYS =~ ^[1-9][0-9]{0,3}$ ]] || ((REJECTED_RETENTION_DAYS > 3650)); then
    die "REJECTED_RETENTION_DAYS must be a whole number of days from 1 to 3650, got '$REJECTED_RETENTION_DAYS'"
  fi
  PG_PORT=${SPOTJOB_PG_PORT:-${stored_pg:-25432}}
  AMQP_PORT=${SPOTJOB_AMQP_PORT:-${stored_amqp:-25672}}
  if [[ -n ${SPOTJOB_AMQPS_PORT:-} ]]; then
    AMQPS_PORT=$SPOTJOB_AMQPS_PORT
  elif [[ -n ${SPOTJOB_AMQP_PORT:-} || -z $stored_amqps ]]; then
    AMQPS_PORT=$((AMQP_PORT - 1))
  else
    AMQPS_PORT=$stored_amqps
  fi
  if [[ -n ${SPOTJOB_AMQP_DIST_PORT:-} ]]; then
    AMQP_DIST_PORT=$SPOTJOB_AMQP_DIST_PORT
  elif [[ -n ${SPOTJOB_AMQP_PORT:-} || -z $stored_dist ]]; then
    AMQP_DIST_PORT=$((AMQP_PORT + 1))
  else
    AMQP_DIST_PORT=$stored_dist
  fi
  if [[ -n ${SPOTJOB_RABBITMQ_MANAGEMENT_PORT:-} ]]; then
    MANAGEMENT_PORT=$SPOTJOB_RABBITMQ_MANAGEMENT_PORT
  elif [[ -n ${SPOTJOB_AMQP_PORT:-} || -z $stored_management ]]; then
    MANAGEMENT_PORT=$((AMQP_PORT + 2))
  else
    MANAGEMENT_PORT=$stored_management
  fi
  local name value
  for name in PG_PORT AMQP_PORT AMQPS_PORT AMQP_DIST_PORT MANAGEMENT_PORT; do
    value=${!name}
    if ! [[ $value =~ ^[1-9][0-9]{0,4}$ ]] || ((value > 65535)); then
      die "$name must be a TCP port number (1-65535), got '$value'"
    fi
  done
  (($(printf '%s\n' "$PG_PORT" "$AMQP_PORT" "$AMQPS_PORT" "$AMQP_DIST_PORT" "$MANAGEMENT_PORT" | sort -u | wc -l) == 5)) ||
    die "ports must differ: postgres=$PG_PORT amqp=$AMQP_PORT amqps=$AMQPS_PORT amqp-dist=$AMQP_DIST_PORT management=$MANAGEMENT_PORT"
  RMQ_NODENAME="spotjob-$AMQP_PORT@localhost"
}

save_settings() {
  printf 'PG_PORT=%s\nAMQP_PORT=%s\nAMQPS_PORT=%s\nAMQP_DIST_PORT=%s\nMANAGEMENT_PORT=%s\nREJECTED_RETENTION_DAYS=%s\n' \
    "$PG_PORT" "$AMQP_PORT" "$AMQPS_PORT" "$AMQP_DIST_PORT" "$MANAGEMENT_PORT" "$REJECTED_RETENTION_DAYS" >"$STACK_CONF.tmp"
  mv -f "$STACK_CONF.tmp" "$STACK_CONF"
}

# ---------------------------------------------------------------------------------------------
# RabbitMQ users from deploy/rabbitmq/permissions.tsv

AMQP_USERS=() AMQP_TAGS=() AMQP_CONFIGURE=() AMQP_WRITE=() AMQP_READ=()

load_permissions() {
  [[ -r $PERMISSIONS_FILE ]] || die "cannot read $PERMISSIONS_FILE"
  local line lineno=0 user tags configure write read topic_write topic_read dead_write dead_read extra
  while IFS= read -r line || [[ -n $line ]]; do
    lineno=$((lineno + 1))
    [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
    IFS=$'\t' read -r user tags configure write read topic_write topic_read dead_write dead_read extra <<<"$line"
    [[ -n $dead_read && -z $extra ]] ||
      die "$PERMISSIONS_FILE:$lineno: expected 9 tab-separated columns (user, tags, configure, write, read," \
        "topic write, topic read, dead-letter topic write, dead-letter topic read)"
    [[ $user =~ ^[a-z0-9][a-z0-9._-]*$ ]] || die "$PERMISSIONS_FILE:$lineno: bad user name '$user'"
    [[ $tags == - ]] && tags=''
    AMQP_USERS+=("$user") AMQP_TAGS+=("$tags") AMQP_CONFIGURE+=("$configure")
    AMQP_WRITE+=("$write") AMQP_READ+=("$read")
  done <"$PERMISSIONS_FILE"
  local u found=0
  for u in "${AMQP_USERS[@]}"; do [[ $u == "$AMQP_ADMIN_USER" ]] && found=1; done
  ((found)) || die "$PERMISSIONS_FILE must list the admin user $AMQP_ADMIN_USER"
}

# intake -> INTAKE, billing-staff -> BILLING_STAFF, spotjob_admin -> SPOTJOB_ADMIN
env_key() { local k=${1^^}; printf '%s' "${k//[^A-Z0-9]/_}"; }

pg_roles() { printf '%s\n' "$PG_ADMIN_ROLE" "${SERVICES[@]}"; }

# ---------------------------------------------------------------------------------------------
# Secrets: random hex, generated once, stored in <stack>/secrets.env (0600), reused forever.

declare -A SECRETS=()

required_secret_keys() {
  local r u
  while IFS= read -r r; do printf 'PG_PASSWORD_%s\n' "$(env_key "$r")"; done < <(pg_roles)
  for u in "${AMQP_USERS[@]}"; do printf 'AMQP_PASSWORD_%s\n' "$(env_key "$u")"; done
  printf 'RABBITMQ_ERLANG_COOKIE\n'
}

read_secrets() {
  [[ -e $SECRETS_FILE ]] || return 0
  [[ -r $SECRETS_FILE ]] || die "cannot read $SECRETS_FILE (run as root)"
  local line key value
  while IFS= read -r line || [[ -n $line ]]; do
    [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
    [[ $line =~ ^([A-Z0-9_]+)=([0-9a-f]+)$ ]] || die "$SECRETS_FILE: malformed line (expected KEY=hex): $line"
    key=${BASH_REMATCH[1]} value=${BASH_REMATCH[2]}
    SECRETS[$key]=$value
  done <"$SECRETS_FILE"
}

random_hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }

ensure_secrets() {
  read_secrets
  local key added=()
  while IFS= read -r key; do
    [[ -n ${SECRETS[$key]:-} ]] && continue
    SECRETS[$key]=$(random_hex 20)
    added+=("$key")
  done < <(required_secret_keys)
  ((${#added[@]})) || return 0
  (
    umask 077
    [[ -e $SECRETS_FILE ]] ||
      printf '# SpotJob local stack secrets, generated by deploy/local-stack.sh. Keep private.\n' >"$SECRETS_FILE"
    for key in "${added[@]}"; do printf '%s=%s\n' "$key" "${SECRETS[$key]}"; done >>"$SECRETS_FILE"
  )
  chmod 600 "$SECRETS_FILE"
}

# Dies (in the main shell, not inside a $(...)) unless every required secret is present.
require_secrets() {
  local key
  while IFS= read -r key; do
    [[ -n ${SECRETS[$key]:-} ]] || die "secret $key missing from $SECRETS_FILE; run '$SCRIPT_PATH up'"
  done < <(required_secret_keys)
}

secret() {
  [[ -n ${SECRETS[$1]:-} ]] || die "secret $1 missing from $SECRETS_FILE; run '$SCRIPT_PATH up'"
  printf '%s' "${SECRETS[$1]}"
}

# CPR keys for matching: CPR_ENCRYPTION_KEY and CPR_INDEX_KEY, 32 random bytes in base64 each, in
# <stack>/secrets/ (0600). Never regenerated: a new encryption key would leave stored CPR numbers
# unreadable (rotate with `spotjob matching rotate-key` instead), a new index key would stop finding
# people registered twice.
ensure_cpr_keys() {
  local name file
  (umask 077 && mkdir -p -- "$CPR_SECRETS_DIR")
  chmod 700 -- "$CPR_SECRETS_DIR"
  for name in cpr-encryption-key cpr-index-key; do
    file="$CPR_SECRETS_DIR/$name"
    [[ -s $file ]] && continue
    (umask 077 && head -c 32 /dev/urandom | base64 >"$file.tmp" && mv -f "$file.tmp" "$file")
  done
}

print_cpr_keys() {
  local file
  file="$CPR_SECRETS_DIR/cpr-encryption-key"
  [[ -r $file ]] && printf 'export CPR_ENCRYPTION_KEY=%q\n' "$(tr -d ' \n' <"$file")"
  file="$CPR_SECRETS_DIR/cpr-index-key"
  [[ -r $file ]] && printf 'export CPR_INDEX_KEY=%q\n' "$(tr -d ' \n' <"$file")"
  return 0
}

# ---------------------------------------------------------------------------------------------
# TLS: the stack's own certificate authority and a server certificate for localhost, 127.0.0.1 and
# $BROKER_TEST_NAME (the name by which JobcenterNetworkTests reach the broker from another network
# namespace), made once (ten years) and kept, so clients that trust ca.pem keep trusting the servers.
# A server certificate made before it named $BROKER_TEST_NAME is made again (the CA stays).

readonly BROKER_TEST_NAME=broker.spotjob.test

ensure_tls() {
  mkdir -p -- "$TLS_DIR"
  chmod 755 -- "$TLS_DIR"
  local tls_log="$LOG_DIR/tls.log"
  if [[ ! -s $CA_FILE || ! -s $TLS_DIR/ca.key ]]; then
    log "making the stack's certificate authority ($CA_FILE)"
    (
      umask 077
      openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 \
        -subj "/CN=SpotJob local stack CA" -keyout "$TLS_DIR/ca.key" -out "$CA_FILE" \
        -addext basicConstraints=critical,CA:true -addext keyUsage=critical,keyCertSign,cRLSign
    ) >>"$tls_log" 2>&1 || { tail_log "$tls_log"; die "making the certificate authority failed"; }
    chmod 644 -- "$CA_FILE"
    rm -f -- "$TLS_DIR/server.pem"
  fi
  if [[ -s $TLS_DIR/server.pem ]] && ! openssl x509 -in "$TLS_DIR/server.pem" -noout -ext subjectAltName 2>/dev/null |
    grep -q "DNS:$BROKER_TEST_NAME"; then
    rm -f -- "$TLS_DIR/server.pem"
  fi
  if [[ ! -s $TLS_DIR/server.pem || ! -s $TLS_DIR/server.key ]]; then
    log "making the servers' certificate for localhost, $HOST and $BROKER_TEST_NAME"
    (
      umask 077
      openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=localhost" \
        -keyout "$TLS_DIR/server.key" -out "$TLS_DIR/server.csr" &&
        openssl x509 -req -in "$TLS_DIR/server.csr" -CA "$CA_FILE" -CAkey "$TLS_DIR/ca.key" -CAcreateserial \
          -days 3650 -out "$TLS_DIR/server.pem" -extfile <(printf '%s\n' \
            "subjectAltName=DNS:localhost,DNS:$BROKER_TEST_NAME,IP:$HOST" extendedKeyUsage=serverAuth basicConstraints=CA:false)
    ) >>"$tls_log" 2>&1 || { tail_log "$tls_log"; die "making the server certificate failed"; }
    chmod 644 -- "$TLS_DIR/server.pem"
    rm -f -- "$TLS_DIR/server.csr"
  fi
}

# A copy of the server key, certificate and CA owned by $1 in $2 (PostgreSQL refuses a key others may read).
install_server_tls() {
  install -o "$1" -g "$1" -m 600 -- "$TLS_DIR/server.key" "$2/server.key"
  install -o "$1" -g "$1" -m 644 -- "$TLS_DIR/server.pem" "$2/server.pem"
  install -o "$1" -g "$1" -m 644 -- "$CA_FILE" "$2/ca.pem"
}

# ---------------------------------------------------------------------------------------------
# Helpers

# Close every inherited fd above 2 (our lock, CI pipes) before exec'ing a long-lived server.
close_inherited_fds() {
  local fd
  for fd in "/proc/$BASHPID/fd/"*; do
    fd=${fd##*/}
    if [[ $fd =~ ^[0-9]+$ ]] && ((fd > 2)); then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
}

# True if something accepts TCP connections on 127.0.0.1:$1.
tcp_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

# True if an AMQP 0-9-1 broker answers the protocol header on 127.0.0.1:$1 (Connection.Start frame).
amqp_answers() {
  (
    exec 3<>"/dev/tcp/$HOST/$1" || exit 1
    printf 'AMQP\000\000\011\001' >&3
    IFS= read -r -t 3 -N 1 -d '' byte <&3 || exit 1
    [[ $byte == $'\001' ]]
  ) 2>/dev/null
}

# True if pid $1 is alive, its executable name is $2 and its command line contains $3
# (so a stale pid file never makes us signal somebody else's process).
pid_is() {
  [[ $1 =~ ^[0-9]+$ && -r /proc/$1/comm ]] || return 1
  [[ $(</proc/"$1"/comm) == "$2" ]] || return 1
  local cmdline
  cmdline=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
  [[ $cmdline == *"$3"* ]]
}

tail_log() {
  local f
  for f in "$@"; do
    [[ -s $f ]] || continue
    printf '%s: ---- last lines of %s ----\n' "$PROG" "$f" >&2
    tail -n 40 -- "$f" >&2 || true
  done
}

port_in_use_by_other() {
  die "port $HOST:$1 is already in use by another process (not this stack's $2); free it or set $3"
}

as_postgres() { (cd / && runuser -u postgres -- "$@"); }

check_reachable() { # user dir
  runuser -u "$1" -- test -w "$2" -a -x "$2" 2>/dev/null ||
    die "user '$1' cannot reach $2: a parent directory is not traversable (o+x) for it." \
      "Put the stack elsewhere, e.g. SPOTJOB_STACK_DIR=/var/tmp/spotjob-stack"
}

# ---------------------------------------------------------------------------------------------
# Packages

ensure_packages() {
  local missing=() p status
  for p in "${APT_PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ $status == "install ok installed" ]] || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  log "installing ${missing[*]} (apt-get; log: $LOG_DIR/apt.log)"
  export DEBIAN_FRONTEND=noninteractive
  {
    apt-get update -q &&
      apt-get install -y -q --no-install-recommends "${missing[@]}"
  } >>"$LOG_DIR/apt.log" 2>&1 </dev/null || {
    tail_log "$LOG_DIR/apt.log"
    die "apt-get install ${missing[*]} failed"
  }
}

# ---------------------------------------------------------------------------------------------
# Stack directory

prepare_stack_dir() {
  if [[ -d $STACK_DIR && ! -e $STACK_MARKER && -n $(ls -A -- "$STACK_DIR") ]]; then
    die "$STACK_DIR exists, is not empty and is not a SpotJob local stack; refusing to use it"
  fi
  mkdir -p -- "$STACK_DIR" "$LOG_DIR"
  chmod 755 -- "$STACK_DIR" "$LOG_DIR"
  : >>"$STACK_MARKER"
}

prepare_postgres_dirs() {
  mkdir -p -- "$PG_DIR" "$PG_SOCKET_DIR"
  chown postgres:postgres -- "$PG_DIR" "$PG_SOCKET_DIR"
  chmod 700 -- "$PG_DIR"
  chmod 755 -- "$PG_SOCKET_DIR"
  touch -- "$PG_LOG"
  chown postgres:postgres -- "$PG_LOG"
  chmod 640 -- "$PG_LOG"
  check_reachable postgres "$PG_DIR"
  local sock="$PG_SOCKET_DIR/.s.PGSQL.$PG_PORT"
  ((${#sock} < 100)) || die "socket path $sock is too long for a Unix socket; use a shorter SPOTJOB_STACK_DIR"
}

prepare_rabbitmq_dirs() {
  mkdir -p -- "$RMQ_DIR" "$RMQ_HOME" "$RMQ_MNESIA" "$RMQ_LOG_DIR"
  chown rabbitmq:rabbitmq -- "$RMQ_DIR" "$RMQ_HOME" "$RMQ_MNESIA" "$RMQ_LOG_DIR"
  chmod 750 -- "$RMQ_DIR" "$RMQ_HOME" "$RMQ_MNESIA" "$RMQ_LOG_DIR"
  check_reachable rabbitmq "$RMQ_DIR"
}

# Serialise mutating commands (two `up`s at once would race on initdb / provisioning).
take_lock() {
  exec 9>>"$STACK_DIR/.lock"
  flock -w 300 9 || die "another local-stack command holds $STACK_DIR/.lock"
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL

pg_pid() {
  local pid=''
  if [[ -r $PG_DATA/postmaster.pid ]]; then read -r pid <"$PG_DATA/postmaster.pid" || true; fi
  if pid_is "$pid" postgres "$PG_DATA"; then printf '%s' "$pid"; fi
}

pg_accepting() { "$PG_BIN/pg_isready" -q -h "$HOST" -p "$PG_PORT" -t 2 >/dev/null 2>&1; }

pg_init() {
  [[ -s $PG_DATA/PG_VERSION ]] && return 0
  log "initialising PostgreSQL 15 cluster in $PG_DATA"
  rm -f -- "$PG_STAMP"
  as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -E UTF8 --no-locale \
    --auth-local=peer --auth-host=scram-sha-256 --no-instructions >>"$PG_LOG" 2>&1 || {
    tail_log "$PG_LOG"
    die "initdb failed"
  }
  printf "\n# Added by deploy/local-stack.sh\ninclude_if_exists = 'spotjob.conf'\n" >>"$PG_DATA/postgresql.conf"
}

pg_write_config() {
  local sockdir=${PG_SOCKET_DIR//\'/\'\'}
  cat >"$PG_DATA/spotjob.conf" <<EOF
# Written by deploy/local-stack.sh on every start; edit the script, not this file.
listen_addresses = '$HOST'
port = $PG_PORT
unix_socket_directories = '$sockdir'
max_connections = 200
password_encryption = scram-sha-256
ssl = on
ssl_cert_file = '$PG_DIR/server.pem'
ssl_key_file = '$PG_DIR/server.key'
ssl_min_protocol_version = 'TLSv1.2'
log_line_prefix = '%m [%p] %q%u@%d '
EOF
  cat >"$PG_DATA/pg_hba.conf" <<EOF
# Written by deploy/local-stack.sh on every start.
# TYPE  DATABASE  USER      ADDRESS        METHOD
local   all       postgres                 peer
host    all       all       127.0.0.1/32   scram-sha-256
EOF
  chown postgres:postgres -- "$PG_DATA/spotjob.conf" "$PG_DATA/pg_hba.conf"
  chmod 600 -- "$PG_DATA/spotjob.conf" "$PG_DATA/pg_hba.conf"
  install_server_tls postgres "$PG_DIR"
}

pg_start() {
  if [[ -z $(pg_pid) ]] && tcp_open "$PG_PORT"; then
    port_in_use_by_other "$PG_PORT" PostgreSQL SPOTJOB_PG_PORT
  fi
  pg_write_config
  local err
  err=$(
    close_inherited_fds
    cd / && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 -s start 2>&1 >/dev/null
  ) || {
    [[ -n $err ]] && printf '%s\n' "$err" >&2
    tail_log "$PG_LOG"
    die "PostgreSQL failed to start on $HOST:$PG_PORT (log: $PG_LOG)"
  }
  local i
  for ((i = 0; i < 100; i++)); do
    pg_accepting && return 0
    sleep 0.1
  done
  tail_log "$PG_LOG"
  die "PostgreSQL started but does not accept TCP connections on $HOST:$PG_PORT (log: $PG_LOG)"
}

pg_stop() {
  [[ -n $(pg_pid) ]] || return 0
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 -s stop >&2 || {
    tail_log "$PG_LOG"
    die "PostgreSQL did not stop (log: $PG_LOG)"
  }
}

pg_stamp_value() {
  {
    printf 'v%s pg %s\n' "$PROVISION_VERSION" "$PG_PORT"
    cat -- "$PG_BOOTSTRAP_SQL"
    local r key
    while IFS= read -r r; do
      key="PG_PASSWORD_$(env_key "$r")"
      printf '%s=%s\n' "$key" "${SECRETS[$key]:-}"
    done < <(pg_roles)
  } | sha256sum | cut -d' ' -f1
}

# The admin role is ours (compose gets it from POSTGRES_USER); everything else is
# deploy/postgres/bootstrap.sql, the same file the postgres container runs at initialisation.
# Passwords go in as psql variables on stdin, never on a command line.
pg_provision() {
  [[ -r $PG_BOOTSTRAP_SQL ]] || die "cannot read $PG_BOOTSTRAP_SQL"
  local sql svc
  sql=$(
    printf '\\set ON_ERROR_STOP on\n'
    printf "SELECT 'CREATE ROLE %s' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%s')\\\\gexec\n" \
      "$PG_ADMIN_ROLE" "$PG_ADMIN_ROLE"
    printf "ALTER ROLE %s WITH SUPERUSER LOGIN PASSWORD '%s';\n" "$PG_ADMIN_ROLE" "$(secret "PG_PASSWORD_$(env_key "$PG_ADMIN_ROLE")")"
    printf '\\set admin_role %s\n' "$PG_ADMIN_ROLE"
    for svc in "${SERVICES[@]}"; do
      printf '\\set %s_password %s\n' "$svc" "$(secret "PG_PASSWORD_$(env_key "$svc")")"
    done
    cat -- "$PG_BOOTSTRAP_SQL"
  )
  local out
  out=$(printf '%s\n' "$sql" | as_postgres "$PG_BIN/psql" -X -q -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U postgres -d postgres -f - 2>&1) || {
    printf '%s\n' "$out" >&2
    die "provisioning PostgreSQL (roles, database, schemas) failed"
  }
  pg_stamp_value >"$PG_STAMP"
}

pg_up() {
  prepare_postgres_dirs
  pg_init
  local started=0
  if [[ -n $(pg_pid) ]] && pg_accepting; then
    # Settings (TLS among them) apply to a running server on reload.
    pg_write_config
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -s reload >&2 || die "reloading PostgreSQL's configuration failed"
  else
    if [[ -n $(pg_pid) ]]; then
      log "PostgreSQL runs but not on $HOST:$PG_PORT; restarting it"
      pg_stop
    fi
    log "starting PostgreSQL on $HOST:$PG_PORT"
    pg_start
    started=1
  fi
  if ((started)) || [[ ! -r $PG_STAMP || $(<"$PG_STAMP") != "$(pg_stamp_value)" ]]; then
    pg_provision
  fi
}

# ---------------------------------------------------------------------------------------------
# RabbitMQ

rmq_env() {
  RMQ_ENV=(
    PATH=/usr/sbin:/usr/bin:/sbin:/bin
    LANG=C.UTF-8 LC_ALL=C.UTF-8
    HOME="$RMQ_HOME"
    RABBITMQ_NODENAME="$RMQ_NODENAME"
    RABBITMQ_NODE_IP_ADDRESS="$HOST"
    RABBITMQ_NODE_PORT="$AMQP_PORT"
    RABBITMQ_DIST_PORT="$AMQP_DIST_PORT"
    RABBITMQ_CONF_ENV_FILE="$RMQ_DIR/rabbitmq-env.conf"
    RABBITMQ_CONFIG_FILE="$RMQ_CONF"
    RABBITMQ_ADVANCED_CONFIG_FILE="$RMQ_DIR/advanced.config"
    RABBITMQ_ENABLED_PLUGINS_FILE="$RMQ_DIR/enabled_plugins"
    RABBITMQ_MNESIA_BASE="$RMQ_MNESIA"
    RABBITMQ_LOG_BASE="$RMQ_LOG_DIR"
    RABBITMQ_PID_FILE="$RMQ_PID_FILE"
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
    ERL_EPMD_ADDRESS="$HOST"
    ERL_CRASH_DUMP="$RMQ_LOG_DIR/erl_crash.dump"
  )
}

# rabbitmqctl as the rabbitmq user with our HOME, so it uses the node's private Erlang cookie.
rmqctl() {
  rmq_env
  (cd "$RMQ_DIR" && runuser -u rabbitmq -- env -i "${RMQ_ENV[@]}" "$RMQ_BIN/rabbitmqctl" -n "$RMQ_NODENAME" "$@")
}

rmq_pid() {
  local pid=''
  if [[ -r $RMQ_PID_FILE ]]; then read -r pid <"$RMQ_PID_FILE" || true; fi
  if pid_is "$pid" beam.smp "-home $RMQ_HOME"; then printf '%s' "$pid"; fi
}

rmq_write_config() {
  if [[ ! -s $RMQ_COOKIE ]]; then
    (umask 077 && printf '%s' "$(secret RABBITMQ_ERLANG_COOKIE)" >"$RMQ_COOKIE")
  fi
  chown rabbitmq:rabbitmq -- "$RMQ_COOKIE"
  chmod 400 -- "$RMQ_COOKIE"
  (
    umask 077
    cat >"$RMQ_CONF" <<EOF
# Written by deploy/local-stack.sh on every start; edit the script, not this file.
# Listener (127.0.0.1:$AMQP_PORT) and dist port ($AMQP_DIST_PORT) come from the environment.
# The default user only applies to a fresh node; users are (re)set from permissions.tsv.
default_vhost = $VHOST
default_user = $AMQP_ADMIN_USER
default_pass = $(secret "AMQP_PASSWORD_$(env_key "$AMQP_ADMIN_USER")")
default_user_tags.administrator = true
default_permissions.configure = .*
default_permissions.write = .*
default_permissions.read = .*
log.console = false
log.file.level = info
listeners.ssl.default = $HOST:$AMQPS_PORT
ssl_options.cacertfile = $RMQ_DIR/ca.pem
ssl_options.certfile = $RMQ_DIR/server.pem
ssl_options.keyfile = $RMQ_DIR/server.key
ssl_options.verify = verify_none
ssl_options.fail_if_no_peer_cert = false
ssl_options.versions.1 = tlsv1.3
ssl_options.versions.2 = tlsv1.2
# The management HTTP API, for "spotjob jobcenters" (as the administrator); loopback only, plain HTTP
# since it never leaves this machine.
management.tcp.ip = $HOST
management.tcp.port = $MANAGEMENT_PORT
EOF
    printf '[rabbitmq_management].\n' >"$RMQ_DIR/enabled_plugins"
    printf '# Intentionally empty: everything is set by deploy/local-stack.sh.\n' >"$RMQ_DIR/rabbitmq-env.conf"
  )
  chown rabbitmq:rabbitmq -- "$RMQ_CONF" "$RMQ_DIR/enabled_plugins" "$RMQ_DIR/rabbitmq-env.conf"
  install_server_tls rabbitmq "$RMQ_DIR"
}

rmq_start() {
  if [[ -z $(rmq_pid) ]]; then
    if tcp_open "$AMQP_PORT"; then port_in_use_by_other "$AMQP_PORT" RabbitMQ SPOTJOB_AMQP_PORT; fi
    if tcp_open "$AMQPS_PORT"; then port_in_use_by_other "$AMQPS_PORT" "RabbitMQ (TLS)" SPOTJOB_AMQPS_PORT; fi
    if tcp_open "$AMQP_DIST_PORT"; then
      port_in_use_by_other "$AMQP_DIST_PORT" "RabbitMQ (Erlang distribution)" SPOTJOB_AMQP_DIST_PORT
    fi
    if tcp_open "$MANAGEMENT_PORT"; then
      port_in_use_by_other "$MANAGEMENT_PORT" "RabbitMQ (management API)" SPOTJOB_RABBITMQ_MANAGEMENT_PORT
    fi
  fi
  rmq_write_config
  rm -f -- "$RMQ_PID_FILE"
  printf '==== %s starting %s\n' "$(date '+%F %T.%3N')" "$RMQ_NODENAME" >>"$RMQ_STARTUP_LOG"
  rmq_env
  (
    close_inherited_fds
    cd "$RMQ_DIR"
    exec setsid runuser -u rabbitmq -- env -i "${RMQ_ENV[@]}" "$RMQ_BIN/rabbitmq-server"
  ) >>"$RMQ_STARTUP_LOG" 2>&1 </dev/null &
  local launcher=$! i
  for ((i = 0; i < 1200; i++)); do # up to 120 s
    if amqp_answers "$AMQP_PORT" && tcp_open "$AMQPS_PORT" && tcp_open "$MANAGEMENT_PORT" && [[ -n $(rmq_pid) ]]; then
      return 0
    fi
    if ! kill -0 "$launcher" 2>/dev/null; then
      tail_log "$RMQ_STARTUP_LOG" "$RMQ_LOG_DIR/$RMQ_NODENAME.log"
      die "RabbitMQ exited during startup (logs: $RMQ_LOG_DIR)"
    fi
    sleep 0.1
  done
  tail_log "$RMQ_STARTUP_LOG" "$RMQ_LOG_DIR/$RMQ_NODENAME.log"
  die "RabbitMQ did not accept connections on $HOST:$AMQP_PORT, $HOST:$AMQPS_PORT and $HOST:$MANAGEMENT_PORT within 120 s (logs: $RMQ_LOG_DIR)"
}

rmq_stop() {
  local pid i
  pid=$(rmq_pid) || true
  [[ -n $pid ]] || { rm -f -- "$RMQ_PID_FILE"; return 0; }
  # SIGTERM = graceful shutdown of the node (clients get connection.close 320), much faster than
  # `rabbitmqctl stop` because no CLI Erlang VM has to boot.
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do # up to 5 s
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "RabbitMQ did not stop within 5 s; killing pid $pid"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.2
  fi
  rm -f -- "$RMQ_PID_FILE"
}

# deploy/rabbitmq/render-definitions.sh, the same renderer the rabbitmq container runs at start:
# vhost, users (salted password hashes), permissions, exchanges, queues, bindings. The passwords
# reach it through its environment, never a command line.
rmq_definitions() {
  require_secrets
  (
    local u
    for u in "${AMQP_USERS[@]}"; do
      export "$(env_key "$u")_AMQP_PASSWORD=${SECRETS["AMQP_PASSWORD_$(env_key "$u")"]}"
    done
    exec bash "$DEFINITIONS_RENDERER" --permissions "$PERMISSIONS_FILE" --topology "$TOPOLOGY_FILE" --vhost "$VHOST"
  )
}

rmq_stamp_value() {
  {
    printf 'v%s amqp %s retention %s\n' "$PROVISION_VERSION" "$RMQ_NODENAME" "$REJECTED_RETENTION_DAYS"
    cat -- "$PERMISSIONS_FILE" "$TOPOLOGY_FILE" "$DEFINITIONS_RENDERER"
    local u key
    for u in "${AMQP_USERS[@]}"; do
      key="AMQP_PASSWORD_$(env_key "$u")"
      printf '%s=%s\n' "$key" "${SECRETS[$key]:-}"
    done
  } | sha256sum | cut -d' ' -f1
}

# Up to provisioning v3 `spotjob.dead` was a direct exchange, on which topic permissions do not
# apply. An exchange's type cannot change: an import leaves an existing exchange as it is, and the
# services' topic declaration would fail with PRECONDITION_FAILED. So a spotjob.dead of another type
# is deleted here, before the import creates it again as a topic exchange with its bindings (the
# messages in the *.dead queues stay). rabbitmqctl has no delete_exchange; this is the broker's own
# call, as the management API's DELETE makes it.
rmq_replace_dead_letter_exchange_of_another_type() {
  local out type
  out=$(rmqctl list_exchanges -p "$VHOST" name type --quiet --no-table-headers 2>&1) || {
    printf '%s\n' "$out" >&2
    die "listing the exchanges of vhost $VHOST failed"
  }
  type=$(awk -F'\t' '$1 == "spotjob.dead" { print $2 }' <<<"$out")
  [[ -z $type || $type == topic ]] && return 0
  log "replacing the $type exchange spotjob.dead by a topic exchange (messages in the *.dead queues stay)"
  out=$(rmqctl eval \
    "rabbit_exchange:delete(rabbit_misc:r(<<\"$VHOST\">>, exchange, <<\"spotjob.dead\">>), false, <<\"$AMQP_ADMIN_USER\">>)." 2>&1)
  [[ $out == ok ]] || {
    printf '%s\n' "$out" >&2
    die "deleting the $type exchange spotjob.dead failed"
  }
}

# An import adds bindings but never removes one: a routing key a service no longer consumes would
# stay bound to its queue (and the service refuse every such message, `unsupported-type`). So every
# binding of a `service` queue of topology.tsv on `spotjob` that topology.tsv does not list is removed
# here, after the import, with the broker's own call (rabbitmqctl has no unbind).
rmq_remove_stale_bindings() {
  local bindings out kind queue keys source key
  bindings=$(rmqctl list_bindings -p "$VHOST" source_name destination_kind destination_name routing_key \
    --quiet --no-table-headers 2>&1) || {
    printf '%s\n' "$bindings" >&2
    die "listing the bindings of vhost $VHOST failed"
  }
  while IFS=$'\t' read -r kind queue keys; do
    [[ $kind == service ]] || continue
    while IFS=$'\t' read -r source _ _ key; do
      [[ ,$keys, == *",$key,"* ]] && continue
      log "removing the binding of queue $queue to $source with key $key, which topology.tsv no longer lists"
      out=$(rmqctl eval "rabbit_binding:remove({binding, rabbit_misc:r(<<\"$VHOST\">>, exchange, <<\"$source\">>), \
<<\"$key\">>, rabbit_misc:r(<<\"$VHOST\">>, queue, <<\"$queue\">>), []}, fun (_, _) -> ok end, <<\"$AMQP_ADMIN_USER\">>)." 2>&1)
      [[ $out == ok ]] || {
        printf '%s\n' "$out" >&2
        die "removing a stale binding of queue $queue failed"
      }
    done < <(awk -F'\t' -v q="$queue" '$1 == "spotjob" && $2 == "queue" && $3 == q' <<<"$bindings")
  done < <(grep -v '^#' "$TOPOLOGY_FILE")
}

rmq_provision() {
  local out
  out=$(rmqctl await_startup --timeout 120 2>&1) || {
    printf '%s\n' "$out" >&2
    die "rabbitmqctl await_startup failed for node $RMQ_NODENAME"
  }
  rmq_replace_dead_letter_exchange_of_another_type
  # One import creates/updates the vhost, all users (passwords reset to the stored ones, tags),
  # their permissions, the exchanges, queues and bindings (existing queues and exchanges are left
  # as they are) and the dead-letter policy.
  local definitions
  definitions=$(rmq_definitions) || die "rendering the RabbitMQ definitions failed"
  out=$(printf '%s\n' "$definitions" | rmqctl import_definitions --format json 2>&1) || {
    printf '%s\n' "$out" >&2
    die "importing RabbitMQ definitions ($PERMISSIONS_FILE, $TOPOLOGY_FILE) failed"
  }
  rmq_remove_stale_bindings
  # `guest`, and the shared `jobcenter` of stacks provisioned before v7 (jobcenters are tenants now).
  local retired
  for retired in guest jobcenter; do
    out=$(rmqctl delete_user "$retired" 2>&1) || [[ $out == *"does not exist"* || $out == *no_such_user* ]] || {
      printf '%s\n' "$out" >&2
      die "deleting RabbitMQ user $retired failed"
    }
  done
  rmq_stamp_value >"$RMQ_STAMP"
}

rmq_up() {
  prepare_rabbitmq_dirs
  local started=0
  if [[ -n $(rmq_pid) ]] && tcp_open "$AMQP_PORT" && tcp_open "$AMQPS_PORT" && tcp_open "$MANAGEMENT_PORT"; then
    :
  else
    if [[ -n $(rmq_pid) ]]; then
      log "RabbitMQ runs but not on $HOST:$AMQP_PORT, $HOST:$AMQPS_PORT and $HOST:$MANAGEMENT_PORT; restarting it"
      rmq_stop
    fi
    log "starting RabbitMQ on $HOST:$AMQP_PORT (node $RMQ_NODENAME)"
    rmq_start
    started=1
  fi
  if ((started)) || [[ ! -r $RMQ_STAMP || $(<"$RMQ_STAMP") != "$(rmq_stamp_value)" ]]; then
    rmq_provision
  fi
}

# ---------------------------------------------------------------------------------------------
# Commands

# Every URL goes over TLS to `localhost` (the name the servers' certificate carries) and verifies
# the chain against the stack's CA: sslmode=verify-full for PostgreSQL, amqps:// with cacertfile for
# RabbitMQ. SPOTJOB_AMQP_PORT is the plain listener, for the TLS benchmark's comparison.
print_env() {
  local db="localhost:$PG_PORT/$DATABASE?sslmode=verify-full&sslrootcert=$CA_FILE"
  local amqp="localhost:$AMQPS_PORT/$VHOST?cacertfile=$CA_FILE" r u
  printf 'export SPOTJOB_STACK_SCRIPT=%q\n' "$SCRIPT_PATH"
  printf 'export SPOTJOB_CA_FILE=%q\n' "$CA_FILE"
  printf 'export SPOTJOB_AMQPS_PORT=%q\n' "$AMQPS_PORT"
  printf 'export SPOTJOB_BROKER_TEST_NAME=%q\n' "$BROKER_TEST_NAME"
  printf 'export SPOTJOB_AMQP_PORT=%q\n' "$AMQP_PORT"
  while IFS= read -r r; do
    printf 'export %s_DATABASE_URL=%q\n' "$(env_key "$r")" \
      "postgresql://$r:$(secret "PG_PASSWORD_$(env_key "$r")")@$db"
  done < <(pg_roles)
  for u in "${AMQP_USERS[@]}"; do
    printf 'export %s_AMQP_URL=%q\n' "$(env_key "$u")" \
      "amqps://$u:$(secret "AMQP_PASSWORD_$(env_key "$u")")@$amqp"
  done
  printf 'export SPOTJOB_ADMIN_AMQPS_URL=%q\n' \
    "amqps://$AMQP_ADMIN_USER:$(secret "AMQP_PASSWORD_$(env_key "$AMQP_ADMIN_USER")")@$amqp"
  # `spotjob jobcenters`: the management API (loopback, plain HTTP) as the administrator.
  printf 'export SPOTJOB_ADMIN_MANAGEMENT_URL=%q\n' \
    "http://$AMQP_ADMIN_USER:$(secret "AMQP_PASSWORD_$(env_key "$AMQP_ADMIN_USER")")@localhost:$MANAGEMENT_PORT"
  # The services keep refused rows as long as the broker keeps their dead letters.
  printf 'export REJECTED_RETENTION_DAYS=%q\n' "$REJECTED_RETENTION_DAYS"
  print_cpr_keys
}

cmd_env() {
  [[ -e $SECRETS_FILE ]] || die "no stack at $STACK_DIR yet; run '$SCRIPT_PATH up' first"
  read_secrets
  require_secrets
  print_env
}

cmd_up() {
  need_root up
  prepare_stack_dir
  take_lock
  ensure_packages
  save_settings
  ensure_secrets
  ensure_cpr_keys
  ensure_tls
  pg_up
  rmq_up
  print_env
}

cmd_down() {
  need_root down
  [[ -d $STACK_DIR ]] || { log "no stack at $STACK_DIR"; return 0; }
  take_lock
  if [[ -n $(pg_pid) ]]; then log "stopping PostgreSQL"; pg_stop; fi
  if [[ -n $(rmq_pid) ]]; then log "stopping RabbitMQ"; rmq_stop; fi
  return 0
}

cmd_destroy() {
  need_root destroy
  [[ -d $STACK_DIR ]] || { log "no stack at $STACK_DIR"; return 0; }
  [[ -e $STACK_MARKER ]] || die "$STACK_DIR is not a SpotJob local stack (no marker file); not deleting it"
  cmd_down
  exec 9>&-
  log "deleting $STACK_DIR"
  rm -rf -- "$STACK_DIR"
}

cmd_restart_postgres() {
  need_root restart-postgres
  [[ -s $PG_DATA/PG_VERSION ]] || die "no PostgreSQL cluster in $PG_DATA; run '$SCRIPT_PATH up' first"
  take_lock
  pg_stop
  pg_start
}

cmd_restart_rabbitmq() {
  need_root restart-rabbitmq
  [[ -d $RMQ_MNESIA ]] || die "no RabbitMQ node in $RMQ_DIR; run '$SCRIPT_PATH up' first"
  take_lock
  read_secrets
  require_secrets
  rmq_stop
  rmq_start
}

cmd_status() {
  local rc=0 pid
  pid=$(pg_pid) || true
  if [[ -n $pid ]] && pg_accepting; then
    printf 'postgres  running  %s:%s  (pid %s)\n' "$HOST" "$PG_PORT" "$pid"
  elif [[ -n $pid ]]; then
    printf 'postgres  not accepting connections  %s:%s  (pid %s)\n' "$HOST" "$PG_PORT" "$pid"; rc=3
  elif [[ ! -r $PG_DIR ]] && pg_accepting; then # not root: cannot see the pid file
    printf 'postgres  running  %s:%s\n' "$HOST" "$PG_PORT"
  else
    printf 'postgres  stopped  %s:%s\n' "$HOST" "$PG_PORT"; rc=3
  fi
  pid=$(rmq_pid) || true
  if [[ -n $pid ]] && tcp_open "$AMQP_PORT"; then
    printf 'rabbitmq  running  %s:%s  (pid %s, node %s)\n' "$HOST" "$AMQP_PORT" "$pid" "$RMQ_NODENAME"
  elif [[ -n $pid ]]; then
    printf 'rabbitmq  not accepting connections  %s:%s  (pid %s)\n' "$HOST" "$AMQP_PORT" "$pid"; rc=3
  elif [[ ! -r $RMQ_DIR ]] && tcp_open "$AMQP_PORT"; then
    printf 'rabbitmq  running  %s:%s\n' "$HOST" "$AMQP_PORT"
  else
    printf 'rabbitmq  stopped  %s:%s\n' "$HOST" "$AMQP_PORT"; rc=3
  fi
  return "$rc"
}

cmd_rabbitmqctl() {
  need_root rabbitmqctl
  [[ -d $RMQ_DIR ]] || die "no RabbitMQ node in $RMQ_DIR; run '$SCRIPT_PATH up' first"
  rmqctl "$@"
}

usage() {
  sed -n '2,13p' "$SCRIPT_PATH" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

main() {
  local cmd=${1:-}
  (($#)) && shift
  cd /
  load_settings
  case $cmd in
    up | down | destroy | restart-postgres | restart-rabbitmq | rabbitmqctl) load_permissions ;;
    env) load_permissions ;;
  esac
  case $cmd in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status || exit $? ;;
    env) cmd_env ;;
    restart-postgres) cmd_restart_postgres ;;
    restart-rabbitmq) cmd_restart_rabbitmq ;;
    destroy) cmd_destroy ;;
    rabbitmqctl) cmd_rabbitmqctl "$@" ;;
    -h | --help | help | '') usage ;;
    *) log "unknown command '$cmd'"; usage ;;
  esac
}

main "$@"
