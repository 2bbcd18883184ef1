#!/usr/bin/env bash
# The operators' Compose stack, run for real: builds the image from deploy/Dockerfile, starts
# docker-compose.yml, waits until every container is healthy, tells the demo's story through
# `docker-compose run --rm cli …` (sheets in, contact tasks, proposals, placements, invoices out, the
# OIOUBL files from the container validated), kills a service mid-flow and checks that its restart
# policy brings it back with nothing lost or done twice (from the schemas), checks what the compose
# file promises (non-root, read-only root, no capabilities, secrets as files, only the published ports
# listening on the host), then removes everything (`down -v`).
#
#   bash deploy/compose-check.sh          (deploy/test.sh runs it after the tests)
#
# Engine: the one DOCKER_HOST (or the default socket) names when it answers; otherwise a private
# dockerd with its data under .local/compose/engine, stopped at the end (its images stay there as a
# cache for the next run on this machine). Base images that cannot be pulled are made from this
# machine's Debian packages and Swift toolchain (deploy/compose/base-images.sh, stand-ins under
# their own names; docs/operations.md, "Stand-in images"). Needs root on Debian 12: it installs
# docker.io, docker-compose, debootstrap and openssl when missing.
#
# Settings (environment): SPOTJOB_COMPOSE_PORTS (default 28000): the host ports it publishes, on
# loopback, are this + 671 (AMQP over TLS), + 673 (management), + 81..84 (the services' HTTP);
# SPOTJOB_COMPOSE_LOAD (default 3000): sheets in flight when a service is killed;
# SPOTJOB_COMPOSE_IMAGES=official: use the official base images (pulled) instead of stand-ins.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
state="$repo/.local/compose"
check="$state/check"
project=spotjob-check
image=spotjob:compose-check
ports_from="${SPOTJOB_COMPOSE_PORTS:-28000}"
load="${SPOTJOB_COMPOSE_LOAD:-3000}"
services=(intake matching followup billing)
started_at=$SECONDS
mkdir -p "$state"

say() { printf '==> compose-check: %s\n' "$*"; }
fail() { printf 'compose-check: FAILED: %s\n' "$*" >&2; exit 1; }
elapsed() { local s=$((SECONDS - started_at)); printf '%dm%02ds' $((s / 60)) $((s % 60)); }

# --- tools ---------------------------------------------------------------------------------------
missing=()
command -v dockerd >/dev/null || missing+=(docker.io)
command -v docker-compose >/dev/null || missing+=(docker-compose)
command -v debootstrap >/dev/null || missing+=(debootstrap)
command -v openssl >/dev/null || missing+=(openssl)
command -v ss >/dev/null || missing+=(iproute2)
if ((${#missing[@]})); then
  say "installing ${missing[*]}"
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; } >/dev/null
fi

# --- engine --------------------------------------------------------------------------------------
engine_pid=""
engine_dir="$state/engine"
exec_root=""
stop_engine() {
  [[ -n $engine_pid ]] || return 0
  kill -TERM "$engine_pid" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$engine_pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$engine_pid" 2>/dev/null; then kill -KILL "$engine_pid" 2>/dev/null || true; fi
  # dockerd leaves its default network namespace mounted in its exec root.
  if mountpoint -q "$exec_root/netns/default" 2>/dev/null; then umount "$exec_root/netns/default" || true; fi
  [[ -n $exec_root ]] && rm -rf "$exec_root"
  say "stopped the private Docker engine (pid $engine_pid; its data stays in $engine_dir/data)"
  engine_pid=""
}
if docker info >/dev/null 2>&1; then
  say "using the Docker engine at ${DOCKER_HOST:-the default socket}"
else
  mkdir -p "$engine_dir"
  exec_root="/run/spotjob-docker-$(printf %s "$repo" | sha256sum | cut -c1-10)"
  # A short exec root of its own (unix socket paths are limited to 108 bytes), so that it never meets
  # another engine's; no default bridge (docker0): the compose project makes its own networks. It
  # leaves the host's firewall and forwarding alone: containers need no way out (builds use the host's
  # network), and published ports are served by docker-proxy on the host's loopback.
  export DOCKER_HOST="unix://$engine_dir/docker.sock"
  rm -f "$engine_dir/docker.sock"
  dockerd --data-root "$engine_dir/data" --exec-root "$exec_root" --pidfile "$engine_dir/dockerd.pid" \
    -H "$DOCKER_HOST" --bridge=none --iptables=false --ip-forward=false --ip-masq=false --storage-driver=overlay2 >"$engine_dir/dockerd.log" 2>&1 &
  engine_pid=$!
  for _ in $(seq 1 120); do docker info >/dev/null 2>&1 && break; kill -0 "$engine_pid" 2>/dev/null || break; sleep 0.5; done
  docker info >/dev/null 2>&1 || { tail -20 "$engine_dir/dockerd.log" >&2; engine_pid=""; fail "the private Docker engine did not start (log: $engine_dir/dockerd.log)"; }
  say "started a private Docker engine (pid $engine_pid, $DOCKER_HOST)"
fi

# --- compose -------------------------------------------------------------------------------------
# Compose reads the check's own .env only: every variable .env.example names is removed from its
# environment (deploy/test.sh exports the local stack's, e.g. REJECTED_RETENTION_DAYS).
clean_env=()
while IFS= read -r name; do clean_env+=(-u "$name"); done < <(sed -nE 's/^([A-Z0-9_]+)=.*/\1/p' .env.example)
clean_env+=(-u POSTGRES_IMAGE -u RABBITMQ_IMAGE -u COMPOSE_PROJECT_NAME -u COMPOSE_FILE -u COMPOSE_PROFILES)
compose() { env "${clean_env[@]}" docker-compose --project-name "$project" --project-directory "$repo" \
  -f "$repo/docker-compose.yml" --env-file "$check/.env" "$@"; }
project_up=false
cleanup() {
  local rc=$?
  if [[ $project_up == true ]]; then
    if ((rc != 0)); then
      say "logs of the failed run (last 40 lines each):"
      compose logs --no-color --tail 40 2>&1 | sed 's/^/    /' >&2 || true
    fi
    compose --profile tools --profile cluster down -v --remove-orphans >/dev/null 2>&1 || say "warning: docker-compose down -v failed"
    say "removed the project's containers, networks and volumes (down -v)"
  fi
  stop_engine
  if ((rc == 0)); then say "passed in $(elapsed)"; else echo "compose-check: FAILED after $(elapsed) (exit $rc)" >&2; fi
}
trap cleanup EXIT
trap 'echo "compose-check: interrupted" >&2; exit 130' INT
trap 'echo "compose-check: terminated" >&2; exit 143' TERM

# --- base images and the project's image -------------------------------------------------------------
build_args=()
if [[ ${SPOTJOB_COMPOSE_IMAGES:-standins} == official ]]; then
  POSTGRES_IMAGE=postgres:15 RABBITMQ_IMAGE=rabbitmq:3.12-management
else
  say "base images (stand-ins from Debian's packages and /opt/swift where none can be pulled)"
  standins="$(bash deploy/compose/base-images.sh)" || fail "making the base images failed"
  eval "$standins"
  build_args=(--build-arg "SWIFT_IMAGE=$SWIFT_IMAGE" --build-arg "RUNTIME_IMAGE=$RUNTIME_IMAGE")
fi
say "docker build -f deploy/Dockerfile (log: $state/build.log)"
build_started=$SECONDS
docker build --network host --force-rm -f deploy/Dockerfile "${build_args[@]}" -t "$image" . >"$state/build.log" 2>&1 ||
  { tail -40 "$state/build.log" >&2; fail "docker build failed (log: $state/build.log)"; }
image_bytes="$(docker image inspect -f '{{.Size}}' "$image")"
say "image $image: $((image_bytes / 1000000)) MB, built in $((SECONDS - build_started)) s"

# --- the check's .env, secrets, certificates --------------------------------------------------------
rm -rf "$check"
mkdir -p "$check/secrets" "$check/io"
chmod 700 "$check" "$check/secrets"
# The README's way: every *_PASSWORD a fresh random value, the rest as in .env.example.
while IFS= read -r line; do
  if [[ $line =~ ^([A-Z0-9_]+_PASSWORD)= ]]; then echo "${BASH_REMATCH[1]}=$(openssl rand -hex 24)"; else echo "$line"; fi
done <.env.example >"$check/.env"
openssl rand -base64 32 >"$check/secrets/cpr-encryption-key"
openssl rand -base64 32 >"$check/secrets/cpr-index-key"
chmod 600 "$check/.env"
# As docs/operations.md tells operators: the CPR keys readable by the image's user (uid 10001) only.
chown 10001:10001 "$check/secrets"/cpr-*
chmod 400 "$check/secrets"/cpr-*
bash deploy/compose/make-certs.sh "$check/secrets/tls" 2>/dev/null
openssl rand -hex 32 >"$check/secrets/rabbitmq-erlang-cookie"
chmod 600 "$check/secrets/rabbitmq-erlang-cookie"
cat >>"$check/.env" <<ENV
# compose-check.sh: its own image, base images, secrets and host ports
SPOTJOB_IMAGE=$image
POSTGRES_IMAGE=$POSTGRES_IMAGE
RABBITMQ_IMAGE=$RABBITMQ_IMAGE
CPR_ENCRYPTION_KEY_PATH=$check/secrets/cpr-encryption-key
CPR_INDEX_KEY_PATH=$check/secrets/cpr-index-key
TLS_CA_PATH=$check/secrets/tls/ca.pem
RABBITMQ_TLS_CERT_PATH=$check/secrets/tls/rabbitmq.pem
RABBITMQ_TLS_KEY_PATH=$check/secrets/tls/rabbitmq.key
POSTGRES_TLS_CERT_PATH=$check/secrets/tls/postgres.pem
POSTGRES_TLS_KEY_PATH=$check/secrets/tls/postgres.key
RABBITMQ_ERLANG_COOKIE_PATH=$check/secrets/rabbitmq-erlang-cookie
# The cluster profile's nodes (started after the single-node checks, below).
RABBITMQ_CLUSTER_NODES=rabbitmq,rabbitmq-2,rabbitmq-3
AMQPS_PUBLISH=127.0.0.1:$((ports_from + 671))
RABBITMQ_MANAGEMENT_PUBLISH=127.0.0.1:$((ports_from + 673))
INTAKE_HTTP_PUBLISH=127.0.0.1:$((ports_from + 81))
MATCHING_HTTP_PUBLISH=127.0.0.1:$((ports_from + 82))
FOLLOWUP_HTTP_PUBLISH=127.0.0.1:$((ports_from + 83))
BILLING_HTTP_PUBLISH=127.0.0.1:$((ports_from + 84))
ENV
expected_ports=($((ports_from + 671)) $((ports_from + 673)) $((ports_from + 81)) $((ports_from + 82)) $((ports_from + 83)) $((ports_from + 84)))
for port in "${expected_ports[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then fail "port $port is in use on this host; choose others with SPOTJOB_COMPOSE_PORTS"; fi
done
# The CLI writes the OIOUBL export here, as the image's user.
chown 10001:10001 "$check/io"

# --- up, healthy -----------------------------------------------------------------------------------
# Leftovers of an interrupted run of the same project.
compose --profile tools --profile cluster down -v --remove-orphans >/dev/null 2>&1 || true
say "docker-compose up -d"
project_up=true
compose up -d --no-build 2>&1 | sed 's/^/    /'
containers=(postgres rabbitmq "${services[@]}")
declare -A container_ids=()
# The container of a service (looked up once: docker-compose itself takes a second or two a call).
container_of() {
  [[ -n ${container_ids[$1]:-} ]] || container_ids[$1]="$(compose ps -q "$1")"
  echo "${container_ids[$1]}"
}
health_of() { docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$1" 2>/dev/null || echo gone; }
wait_healthy() { # seconds service...
  local deadline=$((SECONDS + $1)) name all; shift
  for name in "$@"; do container_of "$name" >/dev/null; done
  while ((SECONDS < deadline)); do
    all=true
    for name in "$@"; do [[ "$(health_of "${container_ids[$name]}")" == healthy ]] || all=false; done
    [[ $all == true ]] && return 0
    sleep 1
  done
  for name in "$@"; do echo "    $name: $(health_of "${container_ids[$name]}")" >&2; done
  return 1
}
up_started=$SECONDS
wait_healthy 300 "${containers[@]}" || fail "not every container became healthy within 300 s"
say "all ${#containers[@]} containers healthy after $((SECONDS - up_started)) s"

# --- the demo's story through the CLI container -------------------------------------------------------
# Runs `spotjob ARGS` in a fresh `cli` container (profile tools) with $check/io as /check.
cli() { compose run --rm -T -v "$check/io:/check" -v "$repo/deploy/demo:/demo:ro" cli "$@" 2> >(grep -v -E '^Creating [^ ]+_cli_run' >&2); }
shown() { echo "    \$ spotjob $*"; cli "$@" 2>&1 | sed 's/^/    /'; return "${PIPESTATUS[0]}"; }
json() { python3 -c "import json, sys; j = json.load(sys.stdin); $1" "${@:2}"; }
pg_container="$(container_of postgres)"
sql() { docker exec -i "$pg_container" psql -X -q -t -A -v ON_ERROR_STOP=1 -U spotjob_admin -d spotjob -c "$1"; }
wait_for() { # what seconds command...
  local what=$1 deadline=$((SECONDS + $2)); shift 2
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || fail "gave up waiting for $what"
    sleep 1
  done
}
sql_true() { [[ "$(sql "$1")" == t ]]; }

say "story 1/5: the JobShop's and the innovation fair's sheets → openings, one rejected"
shown sheet submit /demo/sheets.json /demo/sheets.csv
wait_for "the sheets' openings" 60 sql_true "SELECT count(*) > 0 FROM intake.openings WHERE source = 'jobshop-horsens-2017-05-15'"
shown openings list --source jobshop-horsens-2017-05-15
wait_for "the rejected sheet" 60 sql_true "SELECT count(*) > 0 FROM intake.rejected_messages"
shown sheets rejected --limit 1

# The management API over TLS (https://rabbitmq:15671, verified against the stack's CA).
shown jobcenters list

say "story 2/5: followup opens a contact task per opening; a company is contacted"
wait_for "a contact task per opening" 60 sql_true \
  "SELECT (SELECT count(*) FROM followup.contact_tasks) = (SELECT count(*) FROM intake.openings)"
echo "    contact tasks: $(sql 'SELECT count(*) FROM followup.contact_tasks') for $(sql 'SELECT count(*) FROM intake.openings') openings"
jobshop_opening="$(sql "SELECT opening_id FROM intake.openings WHERE sheet_id = 'horsens-2017-05-15-001'")"
[[ -n $jobshop_opening ]] || fail "no opening for sheet horsens-2017-05-15-001"
shown followup contacted "$jobshop_opening" --jobcenter Horsens --outcome reached --by "Jobcenter Horsens, Mette"
wait_for "the task closed by the contact" 60 sql_true \
  "SELECT status = 'closed' FROM followup.contact_tasks WHERE opening_id = '$jobshop_opening'"

say "story 3/5: candidate profiles → proposals, the assignment, two placements → check-ins"
shown candidates submit /demo/profiles.json
first_candidate="$(json "print(j[0]['candidateId'])" <deploy/demo/profiles.json)"
wait_for "the proposals of $first_candidate" 90 sql_true "SELECT count(*) > 0 FROM matching.proposals WHERE candidate_id = '$first_candidate'" 
cli matching assign --jobcenter Horsens >"$check/assignment.txt" 2>&1 || { cat "$check/assignment.txt"; fail "matching assign failed"; }
sed 's/^/    /' "$check/assignment.txt"
mapfile -t pairs < <(python3 - deploy/demo/profiles.json "$check/assignment.txt" <<'PY'
import json, sys
people = {p["candidateId"]: p["hoursPerWeek"]["min"] for p in json.load(open(sys.argv[1]))}
rows = [line.split() for line in open(sys.argv[2])]
for opening, candidate, _ in [row for row in rows if len(row) == 3 and row[1] in people][:2]:
    print(opening, candidate, people[candidate])
PY
)
((${#pairs[@]} == 2)) || fail "the assignment has fewer than two pairs (see $check/assignment.txt)"
today="$(TZ=Europe/Copenhagen date +%F)"
for index in 0 1; do
  read -r opening candidate hours <<<"${pairs[$index]}"
  shown placements report --jobcenter Horsens --placement-id "compose-check-placement-$((index + 1))" --candidate "$candidate" \
    --opening "$opening" --start-date "$today" --hours "$hours"
done
wait_for "both placements in matching" 60 sql_true "SELECT count(*) = 2 FROM matching.placements WHERE placement_id LIKE 'compose-check-placement-%'"
wait_for "the check-ins of both placements" 60 sql_true "SELECT count(*) = 6 FROM followup.checkins WHERE placement_id LIKE 'compose-check-placement-%'"
echo "    placements: 2 recorded by matching; check-ins scheduled by followup: $(sql "SELECT count(*) FROM followup.checkins")"

say "story 4/5: the Ishøj and Hedensted contracts → invoices, a credit note, OIOUBL from the container"
shown contracts register /demo/contract-ishoj.json /demo/contract-hedensted.json
ishoj="$(json "print(j['contractId'])" <deploy/demo/contract-ishoj.json)"
hedensted="$(json "print(j['contractId'])" <deploy/demo/contract-hedensted.json)"
for meeting in 2019-05-01 2019-06-12 2019-08-20 2019-10-03; do
  cli meetings held --contract "$hedensted" --date "$meeting" >/dev/null
done
documents() { sql "SELECT count(*) FROM billing.documents WHERE contract_id = '$1' AND kind = '$2'"; }
wait_for "Ishøj's six invoices" 90 sql_true "SELECT count(*) >= 6 FROM billing.documents WHERE contract_id = '$ishoj' AND kind = 'invoice'"
wait_for "Hedensted's two invoices" 90 sql_true "SELECT count(*) >= 2 FROM billing.documents WHERE contract_id = '$hedensted' AND kind = 'invoice'"
first_hedensted="$(sql "SELECT min(number) FROM billing.documents WHERE contract_id = '$hedensted' AND kind = 'invoice'")"
shown invoices credit "$first_hedensted" --reason "compose-check: krediteret"
wait_for "the credit note" 60 sql_true "SELECT count(*) = 1 FROM billing.documents WHERE contract_id = '$hedensted' AND kind = 'credit-note'"
shown invoices list --contract "$hedensted"
shown invoices export --dir /check/oioubl
mapfile -t exported < <(find "$check/io/oioubl" -name '*.xml' | sort)
expected_documents="$(sql "SELECT count(*) FROM billing.documents")"
((${#exported[@]} == expected_documents)) || fail "exported ${#exported[@]} OIOUBL files, billing holds $expected_documents documents"
validator="$repo/../shared/tools/validate-oioubl"
[[ -x $validator ]] || validator="$repo/shared/tools/validate-oioubl"
if [[ -x $validator ]]; then
  echo "    \$ validate-oioubl <the ${#exported[@]} documents exported from the container>"
  "$validator" "${exported[@]}" 2>&1 | sed "s|$check/io/oioubl/||; s/^/    /"
  ((PIPESTATUS[0] == 0)) || fail "OIOUBL validation failed"
else
  say "no OIOUBL validator at ../shared/tools/validate-oioubl: the ${#exported[@]} documents were exported, not validated"
fi
shown invoices queued --contract "$ishoj" --contract "$hedensted"

# --- a service killed mid-flow ---------------------------------------------------------------------------
victim=intake
say "story 5/5: $load sheets in flight, $victim killed (SIGKILL) mid-flow; its restart policy brings it back"
python3 - "$check/io/load.json" "$load" <<'PY'
import datetime, json, sys
now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
json.dump([{"revision": 1, "source": "compose-check-load", "municipality": "Horsens", "submittedAt": now,
            "sheetId": "compose-check-%05d" % i, "company": {"cvr": "29403473", "name": "Horsens Rengøring ApS"},
            "contact": {"name": "Anna Holm", "phone": "+45 75 00 11 22"}, "category": "Køkken/Rengøring",
            "tasks": ["Opvask"], "hoursPerWeek": 5} for i in range(int(sys.argv[2]))], open(sys.argv[1], "w"))
PY
chown 10001:10001 "$check/io/load.json"
victim_container="$(container_of "$victim")"
restarts_before="$(docker inspect -f '{{.RestartCount}}' "$victim_container")"
cli sheet submit /check/load.json >"$check/load-submit.log" 2>&1 &
submit_pid=$!
# SIGKILL to the service's process (the child of the container's init): what a crash or the kernel's
# OOM killer does. `docker kill` would count as an operator's stop, which no restart policy undoes.
killed_at=""
for _ in $(seq 1 600); do
  done_so_far="$(sql "SELECT count(*) FROM intake.openings WHERE source = 'compose-check-load'")"
  if ((done_so_far > 0)); then
    init_pid="$(docker inspect -f '{{.State.Pid}}' "$victim_container")"
    service_pid="$(pgrep -P "$init_pid" | head -1)"
    [[ -n $service_pid ]] || fail "no service process under the container's init ($init_pid)"
    kill -KILL "$service_pid"
    killed_at="$done_so_far"
    break
  fi
  sleep 0.1
done
[[ -n $killed_at ]] || fail "intake registered none of the load's sheets within 60 s"
((killed_at < load)) || fail "intake had registered all $load sheets before the kill: not mid-flow (raise SPOTJOB_COMPOSE_LOAD)"
echo "    killed $victim's process (pid $service_pid) after $killed_at of $load openings were registered"
wait "$submit_pid" || { cat "$check/load-submit.log"; fail "submitting the load failed"; }
for _ in $(seq 1 60); do
  (($(docker inspect -f '{{.RestartCount}}' "$victim_container") > restarts_before)) && break
  sleep 1
done
restarts_after="$(docker inspect -f '{{.RestartCount}}' "$victim_container")"
((restarts_after > restarts_before)) || fail "$victim was not restarted (restart count $restarts_after)"
wait_healthy 120 "$victim" || fail "$victim did not become healthy again after the kill"
echo "    $victim restarted by its restart policy (restart count $restarts_before → $restarts_after) and healthy again"
wait_for "every sheet of the load through intake, followup and matching" 180 sql_true "
  SELECT (SELECT count(*) FROM intake.openings WHERE source = 'compose-check-load') = $load
     AND (SELECT count(*) FROM followup.contact_tasks t JOIN followup.openings o USING (opening_id) WHERE o.sheet_id LIKE 'compose-check-%') = $load
     AND (SELECT count(*) FROM matching.openings WHERE sheet_id LIKE 'compose-check-%') = $load"
# Nothing lost: every sheet is an opening in intake, followup (with one contact task) and matching.
# Nothing done twice: one row per sheet everywhere, every opening at revision 1, and each service
# took exactly one announcement per opening, followup its hand-over and matching its registration
# (inbox rows are per message id: a second announcement would be a second message).
read -r lost doubled <<<"$(sql "
  WITH sheets AS (SELECT 'compose-check-' || lpad(i::text, 5, '0') AS sheet_id FROM generate_series(0, $load - 1) i),
  per_sheet AS (
    SELECT s.sheet_id,
           (SELECT count(*) FROM intake.openings o WHERE o.sheet_id = s.sheet_id AND o.revision = 1) AS intake,
           (SELECT count(*) FROM followup.openings o JOIN followup.contact_tasks t USING (opening_id) WHERE o.sheet_id = s.sheet_id) AS followup,
           (SELECT count(*) FROM matching.openings o WHERE o.sheet_id = s.sheet_id) AS matching
    FROM sheets s)
  SELECT count(*) FILTER (WHERE intake = 0 OR followup = 0 OR matching = 0),
         count(*) FILTER (WHERE intake > 1 OR followup > 1 OR matching > 1)
  FROM per_sheet" | tr '|' ' ')"
read -r openings followup_events matching_events <<<"$(sql "
  SELECT (SELECT count(*) FROM intake.openings),
         (SELECT count(*) FROM followup.inbox WHERE type = 'opening.handed-over'),
         (SELECT count(*) FROM matching.inbox WHERE type = 'opening.registered')" | tr '|' ' ')"
echo "    load: $lost lost, $doubled done twice; opening.handed-over taken by followup $followup_events times, opening.registered by matching $matching_events times, for $openings openings"
((lost == 0 && doubled == 0)) || fail "$lost sheets lost, $doubled done twice after the kill"
((followup_events == openings && matching_events == openings)) ||
  fail "opening.handed-over handled $followup_events times (followup), opening.registered $matching_events times (matching), for $openings openings"

# --- what the compose file promises ----------------------------------------------------------------------
say "checks: non-root, read-only root, no capabilities, secrets as files, published ports only"
for service in "${services[@]}"; do
  container="$(container_of "$service")"
  read -r readonly cap_drop no_new <<<"$(docker inspect -f '{{.HostConfig.ReadonlyRootfs}} {{join .HostConfig.CapDrop ","}} {{join .HostConfig.SecurityOpt ","}}' "$container")"
  [[ $readonly == true ]] || fail "$service: root file system not read-only"
  [[ $cap_drop == ALL ]] || fail "$service: capabilities not all dropped ($cap_drop)"
  [[ $no_new == *no-new-privileges* ]] || fail "$service: no-new-privileges not set"
  init_pid="$(docker inspect -f '{{.State.Pid}}' "$container")"
  service_pid="$(pgrep -P "$init_pid" | head -1)"
  uid="$(awk '/^Uid:/ { print $2, $3, $4, $5 }' "/proc/$service_pid/status")"
  [[ $uid == "10001 10001 10001 10001" ]] || fail "$service: process runs as uid $uid, not 10001"
  caps="$(awk '/^Cap(Inh|Prm|Eff|Bnd|Amb):/ { printf "%s", $2 }' "/proc/$service_pid/status")"
  [[ $caps =~ ^0+$ ]] || fail "$service: the process holds capabilities ($caps)"
  docker exec "$container" bash -c 'touch /app/bin/x /etc/x /x 2>/dev/null' && fail "$service: could write to its root file system"
  docker exec "$container" bash -c 'echo ok >/tmp/x' || fail "$service: /tmp is not writable"
  echo "    $service: uid 10001, no capabilities (Inh/Prm/Eff/Bnd/Amb all 0), read-only root, /tmp writable, no-new-privileges"
done
matching_container="$(container_of matching)"
for key in cpr_encryption_key cpr_index_key; do
  docker exec "$matching_container" test -r "/run/secrets/$key" || fail "matching: secret $key is not a readable file"
done
for file in "$check/secrets"/cpr-* "$check/secrets"/tls/*.key; do
  secret="$(grep -v -- '-----' "$file" | head -1)"
  for service in "${containers[@]}"; do
    docker inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$(container_of "$service")" | grep -qF -- "$secret" &&
      fail "$service: the value of $(basename "$file") is in its environment"
  done
done
docker inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$matching_container" | grep -q '^CPR_ENCRYPTION_KEY_FILE=/run/secrets/' ||
  fail "matching: CPR_ENCRYPTION_KEY_FILE does not point at the secret"
echo "    matching reads its CPR keys from /run/secrets; no CPR or TLS key is in any container's environment"
# TLS: the broker's published port speaks TLS with the CA's certificate for localhost; PostgreSQL
# refuses logins without TLS; every service's database session is encrypted.
echo | openssl s_client -connect "127.0.0.1:$((ports_from + 671))" -CAfile "$check/secrets/tls/ca.pem" \
  -verify_hostname localhost -verify_return_error >"$check/s_client.log" 2>&1 ||
  { cat "$check/s_client.log"; fail "the broker's published port does not verify as TLS for localhost"; }
# (from the compose network: the name postgres is the container's address there, not loopback)
docker exec -e PGPASSWORD=x "$pg_container" psql "host=postgres sslmode=disable user=intake dbname=spotjob" -c 'SELECT 1' \
  >"$check/plain-pg.log" 2>&1 && fail "PostgreSQL accepted a login without TLS"
grep -q 'no encryption' "$check/plain-pg.log" || { cat "$check/plain-pg.log"; fail "PostgreSQL did not refuse a login without TLS as expected"; }
read -r tls_sessions plain_sessions <<<"$(sql "SELECT count(*) FILTER (WHERE s.ssl), count(*) FILTER (WHERE NOT s.ssl)
  FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid) WHERE a.usename IN ('intake', 'matching', 'followup', 'billing')" | tr '|' ' ')"
((tls_sessions > 0 && plain_sessions == 0)) || fail "services' database sessions: $tls_sessions over TLS, $plain_sessions without"
echo "    TLS: the broker's port verifies for localhost against the CA; PostgreSQL refuses plain logins; $tls_sessions service sessions, all over TLS"
listening="$(ss -ltnpH | awk '/"docker-proxy"/ { print $4 }' | sort -u | tr '\n' ' ')"
expected="$(printf '127.0.0.1:%s\n' "${expected_ports[@]}" | sort -u | tr '\n' ' ')"
[[ $listening == "$expected" ]] || fail "host ports published: '$listening', expected '$expected'"
[[ -z "$(docker port "$pg_container")" ]] || fail "PostgreSQL is published on the host"
echo "    listening on the host for the project: $listening(PostgreSQL not published)"

# --- the cluster profile: two more broker nodes join, every quorum queue gets a member on each --------
say "cluster profile: rabbitmq-2 and rabbitmq-3 join rabbit@rabbitmq; a node killed (SIGKILL) comes back"
compose --profile cluster up -d --no-build rabbitmq-2 rabbitmq-3 2>&1 | grep -v '_1 is up-to-date' | sed 's/^/    /'
wait_healthy 300 rabbitmq-2 rabbitmq-3 || fail "the cluster's nodes did not become healthy within 300 s"
rabbit_container="$(container_of rabbitmq)"
running_nodes() { docker exec "$rabbit_container" rabbitmqctl -q cluster_status --formatter json |
  python3 -c 'import json, sys; print(" ".join(sorted(json.load(sys.stdin)["running_nodes"])))'; }
# Every quorum queue of the vhost with a member on each of the three nodes.
queues_on_three() { docker exec "$rabbit_container" rabbitmqctl -q list_queues -p spotjob name type members --formatter json |
  python3 -c 'import json, sys; q = [x for x in json.load(sys.stdin) if x["type"] == "quorum"]; sys.exit(not q or any(len(x["members"]) != 3 for x in q))'; }
expected_nodes="rabbit@rabbitmq rabbit@rabbitmq-2 rabbit@rabbitmq-3"
three_nodes() { [[ "$(running_nodes 2>/dev/null)" == "$expected_nodes" ]]; }
wait_for "three running nodes" 120 three_nodes
wait_for "every quorum queue on the three nodes" 180 queues_on_three
quorum_queues="$(docker exec "$rabbit_container" rabbitmqctl -q list_queues -p spotjob name type --formatter json |
  python3 -c 'import json, sys; print(sum(x["type"] == "quorum" for x in json.load(sys.stdin)))')"
echo "    running nodes: $(running_nodes); $quorum_queues quorum queues, each with a member on all three"
node2="$(container_of rabbitmq-2)"
node2_restarts="$(docker inspect -f '{{.RestartCount}}' "$node2")"
kill -KILL "$(docker inspect -f '{{.State.Pid}}' "$node2")"
node2_restarted() { (($(docker inspect -f '{{.RestartCount}}' "$node2") > node2_restarts)); }
wait_for "rabbitmq-2 restarted" 60 node2_restarted
wait_healthy 180 rabbitmq-2 || fail "rabbitmq-2 did not become healthy again after the kill"
wait_for "three running nodes after the kill" 120 three_nodes
queues_on_three || fail "a quorum queue lost a member after rabbitmq-2 came back"
wait_healthy 60 "${services[@]}" || fail "a service is not healthy after the broker node's kill"
echo "    rabbitmq-2 killed, restarted by its restart policy and back in the cluster; every quorum queue still on three nodes; the services healthy"

say "docker-compose down -v"
