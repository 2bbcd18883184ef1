#!/usr/bin/env bash
# Renders the RabbitMQ definitions (JSON) of SpotJob's vhost to stdout:
#   the vhost, one user per line of permissions.tsv with its tags, permissions and topic permissions
#   (on `spotjob` and on `spotjob.dead`), the exchanges `spotjob` and `spotjob.dead` (both topic) and
#   `spotjob.jobcenters` (headers, internal), the queues and bindings of topology.tsv, and the policy `spotjob-dead-letters` that expires
#   messages in every dead-letter queue (`*.dead`) after REJECTED_RETENTION_DAYS (default 90), the
#   days the services keep a refused message's raw body.
#
#   render-definitions.sh [--vhost NAME] [--users-only] [--permissions FILE] [--topology FILE]
#
# Used by both ways of running SpotJob, so there is one source of truth:
#   docker-compose   deploy/rabbitmq/docker-entrypoint.sh renders at broker start; the broker loads
#                    the file at boot (load_definitions in deploy/rabbitmq/rabbitmq.conf)
#   local stack      deploy/local-stack.sh pipes it into `rabbitmqctl import_definitions`
#
# Passwords come from the environment, never from a file in the repo: user `intake` needs
# INTAKE_AMQP_PASSWORD, `billing-staff` BILLING_STAFF_AMQP_PASSWORD, `spotjob-admin`
# SPOTJOB_ADMIN_AMQP_PASSWORD (upper case, non-alphanumerics -> `_`, suffix _AMQP_PASSWORD).
# REJECTED_RETENTION_DAYS (1-3650) is the services' own setting of the same name: dead letters are
# kept as long as the rejected rows in the schemas.
# The output holds only salted hashes (rabbit_password_hashing_sha256:
# base64(salt ‖ sha256(salt ‖ password)) with a random 4-byte salt), as `export_definitions` writes them.
#
# Needs only bash and coreutils (od, sha256sum, base64), so it runs inside the official
# rabbitmq image as well as on the host.
set -Eeuo pipefail

readonly PROG=render-definitions
HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
readonly HERE

# Must equal the Swift side (Shared/Messaging/Topology/SpotJobTopology.swift).
readonly EXCHANGE=spotjob               # SpotJobTopology.exchange (topic)
readonly DEAD_LETTER_EXCHANGE=spotjob.dead # SpotJobTopology.deadLetterExchange (topic)
readonly JOBCENTER_EXCHANGE=spotjob.jobcenters # headers exchange: jobcenter deliveries by the header `municipality`
readonly DELIVERY_LIMIT=20              # SpotJobTopology.deliveryLimit
readonly DEAD_LETTER_POLICY=spotjob-dead-letters
readonly DEAD_LETTER_QUEUE_PATTERN='\.dead$' # SpotJobTopology.deadLetterQueue(of:) = "<service>.dead"

die() { printf '%s: error: %s\n' "$PROG" "$*" >&2; exit 1; }

vhost=spotjob
permissions_file=$HERE/permissions.tsv
topology_file=$HERE/topology.tsv
users_only=0
while (($#)); do
  case $1 in
    --vhost) vhost=${2:?--vhost needs a name}; shift 2 ;;
    --permissions) permissions_file=${2:?--permissions needs a file}; shift 2 ;;
    --topology) topology_file=${2:?--topology needs a file}; shift 2 ;;
    --users-only) users_only=1; shift ;;
    -h | --help) sed -n '2,25p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

# ---------------------------------------------------------------------------------------------
# Helpers

json_string() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\t'/\\t}
  s=${s//$'\n'/\\n}
  s=${s//$'\r'/\\r}
  printf '"%s"' "$s"
}

# intake -> INTAKE, billing-staff -> BILLING_STAFF, spotjob-admin -> SPOTJOB_ADMIN
env_key() { local k=${1^^}; printf '%s' "${k//[^A-Z0-9]/_}"; }

# Writes the bytes of a hex string to stdout.
hex_bytes() {
  local hex=$1 escaped='' i
  for ((i = 0; i < ${#hex}; i += 2)); do escaped+="\\x${hex:i:2}"; done
  # shellcheck disable=SC2059 # the format is nothing but \xHH escapes, built above
  printf "$escaped"
}

# rabbit_password_hashing_sha256: base64(salt ‖ sha256(salt ‖ utf8 password)), 4-byte random salt.
password_hash() {
  local salt digest
  salt=$(od -An -tx1 -N4 /dev/urandom | tr -d ' \n')
  [[ ${#salt} == 8 ]] || die "could not read 4 random bytes from /dev/urandom"
  digest=$({ hex_bytes "$salt"; printf '%s' "$1"; } | sha256sum | cut -d' ' -f1)
  [[ ${#digest} == 64 ]] || die "sha256sum failed"
  hex_bytes "$salt$digest" | base64 -w0
}

# Prints the non-comment lines of a TSV file, checking the column count ($2).
read_table() {
  local file=$1 columns=$2 line lineno=0 fields
  [[ -r $file ]] || die "cannot read $file"
  while IFS= read -r line || [[ -n $line ]]; do
    lineno=$((lineno + 1))
    [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
    IFS=$'\t' read -r -a fields <<<"$line"
    ((${#fields[@]} == columns)) || die "$file:$lineno: expected $columns tab-separated columns, got ${#fields[@]}"
    printf '%s\n' "$line"
  done <"$file"
}

# ---------------------------------------------------------------------------------------------
# Users and permissions (permissions.tsv: user, tags, configure, write, read, topic write, topic read,
# dead-letter topic write, dead-letter topic read)

users=() tags=() configure=() write=() read=() topic_write=() topic_read=() dead_write=() dead_read=()
while IFS=$'\t' read -r u t c w r tw tr dw dr; do
  [[ $u =~ ^[a-z0-9][a-z0-9._-]*$ ]] || die "$permissions_file: bad user name '$u'"
  [[ $u != guest ]] || die "$permissions_file: the user 'guest' is not allowed"
  [[ $t == - ]] && t=''
  users+=("$u") tags+=("$t") configure+=("$c") write+=("$w") read+=("$r") topic_write+=("$tw") topic_read+=("$tr")
  dead_write+=("$dw") dead_read+=("$dr")
done < <(read_table "$permissions_file" 9)
((${#users[@]})) || die "$permissions_file lists no users"

missing=()
for u in "${users[@]}"; do
  var="$(env_key "$u")_AMQP_PASSWORD"
  [[ -n ${!var:-} ]] || missing+=("$var")
done
((${#missing[@]} == 0)) || die "set the broker password(s) ${missing[*]} (see .env.example)"

# The services' setting (Shared/ServiceRuntime/Configuration/ServiceConfiguration.swift), same range.
retention_days=${REJECTED_RETENTION_DAYS:-90}
[[ $retention_days =~ ^[1-9][0-9]{0,3}$ ]] && ((retention_days <= 3650)) ||
  die "REJECTED_RETENTION_DAYS must be a whole number of days from 1 to 3650, got '$retention_days'"

# ---------------------------------------------------------------------------------------------
# Topology (topology.tsv: kind, queue, routing keys)

queues=() bindings=()
queue_json() { # name [dead-letter routing key]
  local args='"x-queue-type":"quorum"'
  if [[ -n ${2:-} ]]; then
    args+=",\"x-dead-letter-exchange\":$(json_string "$DEAD_LETTER_EXCHANGE")"
    args+=",\"x-dead-letter-routing-key\":$(json_string "$2")"
    args+=",\"x-delivery-limit\":$DELIVERY_LIMIT"
  fi
  queues+=("{\"name\":$(json_string "$1"),\"vhost\":$(json_string "$vhost"),\"durable\":true,\"auto_delete\":false,\"arguments\":{$args}}")
}
binding_json() { # exchange queue routing-key [destination type] [arguments JSON]
  local arguments=${5:-}
  [[ -n $arguments ]] || arguments='{}'
  bindings+=("{\"source\":$(json_string "$1"),\"vhost\":$(json_string "$vhost"),\"destination\":$(json_string "$2"),\"destination_type\":\"${4:-queue}\",\"routing_key\":$(json_string "$3"),\"arguments\":$arguments}")
}

if ((!users_only)); then
  while IFS=$'\t' read -r kind queue keys; do
    [[ $queue =~ ^[a-z0-9][a-z0-9._-]*$ ]] || die "$topology_file: bad queue name '$queue'"
    IFS=',' read -r -a key_list <<<"$keys"
    case $kind in
      service)
        queue_json "$queue" "$queue"
        queue_json "$queue.dead"
        for key in "${key_list[@]}"; do binding_json "$EXCHANGE" "$queue" "$key"; done
        binding_json "$DEAD_LETTER_EXCHANGE" "$queue.dead" "$queue"
        ;;
      queue)
        queue_json "$queue"
        for key in "${key_list[@]}"; do binding_json "$EXCHANGE" "$queue" "$key"; done
        ;;
      jobcenters)
        [[ $queue == "$JOBCENTER_EXCHANGE" ]] || die "$topology_file: the jobcenters line names the exchange $JOBCENTER_EXCHANGE"
        for key in "${key_list[@]}"; do binding_json "$EXCHANGE" "$JOBCENTER_EXCHANGE" "$key" exchange; done
        ;;
      jobcenter)
        [[ $queue =~ ^[0-9]{3}$ ]] || die "$topology_file: a jobcenter is its three-digit kommunekode, not '$queue'"
        queue_json "jobcenter.$queue"
        # Grants go through `spotjob jobcenters grant`, which tells the services too; here only its own.
        [[ $keys == "$queue" ]] || die "$topology_file: jobcenter $queue: the third column is its own kommunekode; grant neighbours with 'spotjob jobcenters grant'"
        binding_json "$JOBCENTER_EXCHANGE" "jobcenter.$queue" "" queue "{\"x-match\":\"all\",\"municipality\":$(json_string "$queue")}"
        ;;
      *) die "$topology_file: unknown kind '$kind' (expected service, queue, jobcenters or jobcenter)" ;;
    esac
  done < <(read_table "$topology_file" 3)
fi

# ---------------------------------------------------------------------------------------------
# Output

join() { # separator items...
  local sep=$1 first=1 item
  shift
  for item in "$@"; do
    ((first)) || printf '%s' "$sep"
    first=0
    printf '%s' "$item"
  done
}

user_items=() permission_items=() topic_permission_items=()
for i in "${!users[@]}"; do
  var="$(env_key "${users[i]}")_AMQP_PASSWORD"
  tag_items=()
  if [[ -n ${tags[i]} ]]; then
    IFS=',' read -r -a tag_list <<<"${tags[i]}"
    for t in "${tag_list[@]}"; do tag_items+=("$(json_string "$t")"); done
  fi
  user_items+=("{\"name\":$(json_string "${users[i]}"),\"password_hash\":$(json_string "$(password_hash "${!var}")"),\"hashing_algorithm\":\"rabbit_password_hashing_sha256\",\"tags\":[$(join , "${tag_items[@]}")],\"limits\":{}}")
  permission_items+=("{\"user\":$(json_string "${users[i]}"),\"vhost\":$(json_string "$vhost"),\"configure\":$(json_string "${configure[i]}"),\"write\":$(json_string "${write[i]}"),\"read\":$(json_string "${read[i]}")}")
  topic_permission_items+=(
    "{\"user\":$(json_string "${users[i]}"),\"vhost\":$(json_string "$vhost"),\"exchange\":$(json_string "$EXCHANGE"),\"write\":$(json_string "${topic_write[i]}"),\"read\":$(json_string "${topic_read[i]}")}"
    "{\"user\":$(json_string "${users[i]}"),\"vhost\":$(json_string "$vhost"),\"exchange\":$(json_string "$DEAD_LETTER_EXCHANGE"),\"write\":$(json_string "${dead_write[i]}"),\"read\":$(json_string "${dead_read[i]}")}"
  )
done

exchange_items=() policy_items=()
if ((!users_only)); then
  for exchange in "$EXCHANGE" "$DEAD_LETTER_EXCHANGE"; do
    exchange_items+=("{\"name\":$(json_string "$exchange"),\"vhost\":$(json_string "$vhost"),\"type\":\"topic\",\"durable\":true,\"auto_delete\":false,\"internal\":false,\"arguments\":{}}")
  done
  # Internal: only `spotjob` feeds it, nobody publishes to it directly.
  exchange_items+=("{\"name\":$(json_string "$JOBCENTER_EXCHANGE"),\"vhost\":$(json_string "$vhost"),\"type\":\"headers\",\"durable\":true,\"auto_delete\":false,\"internal\":true,\"arguments\":{}}")
  # A policy, not a queue argument: it applies to queues that exist already and can be changed later.
  policy_items=("{\"vhost\":$(json_string "$vhost"),\"name\":$(json_string "$DEAD_LETTER_POLICY"),\"pattern\":$(json_string "$DEAD_LETTER_QUEUE_PATTERN"),\"apply-to\":\"queues\",\"priority\":0,\"definition\":{\"message-ttl\":$((retention_days * 86400000))}}")
fi

nl=$'\n'
printf '{\n"vhosts":[{"name":%s}],\n' "$(json_string "$vhost")"
printf '"users":[\n%s],\n' "$(join ",$nl" "${user_items[@]}")"
printf '"permissions":[\n%s],\n' "$(join ",$nl" "${permission_items[@]}")"
printf '"topic_permissions":[\n%s],\n' "$(join ",$nl" "${topic_permission_items[@]}")"
printf '"exchanges":[\n%s],\n' "$(join ",$nl" "${exchange_items[@]}")"
printf '"queues":[\n%s],\n' "$(join ",$nl" "${queues[@]}")"
printf '"bindings":[\n%s],\n' "$(join ",$nl" "${bindings[@]}")"
printf '"policies":[\n%s]\n}\n' "$(join ",$nl" "${policy_items[@]}")"
