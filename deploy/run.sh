#!/usr/bin/env bash
# Runs SpotJob on this machine: the local stack (PostgreSQL + RabbitMQ on loopback), the four services,
# and a demo that tells the seeds' story in six steps (Spot et job sheets from the Horsens JobShop and
# the Hedensted innovation fair, followup, matching, the STAR report, billing, the funnel). Every figure
# it prints is read from the services' schemas and events.
#   bash deploy/run.sh          start everything and show the demo
#   bash deploy/run.sh stop     stop the services (the stack keeps running: deploy/local-stack.sh down)
# SPOTJOB_HTTP_PORT (default 8080) is the first of the four services' health and metrics ports.
#
# The stack keeps what earlier runs (and tests) stored, so each run gives today's sheet, the people
# and the contracts a fresh suffix: a second run tells the story again instead of finding it told.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
run_dir="$repo/.local/run"
services=(intake matching followup billing)
# Each service's health and metrics port (loopback only); matching also gets the CPR keys (and only matching).
first_port="${SPOTJOB_HTTP_PORT:-8080}"
declare -A http_port=([intake]=$first_port [matching]=$((first_port + 1)) [followup]=$((first_port + 2)) [billing]=$((first_port + 3)))
mkdir -p "$run_dir"

# Stops the services this script started and waits until they have shut down (within 10 s each).
stop_services() {
  local pid
  for service in "${services[@]}"; do
    if [[ -f "$run_dir/$service.pid" ]] && pid="$(cat "$run_dir/$service.pid")" && kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      echo "stopped $service"
    fi
    rm -f "$run_dir/$service.pid"
  done
}

if [[ "${1:-}" == "stop" ]]; then stop_services; exit 0; fi
started_at=$SECONDS

bash deploy/local-stack.sh up >/dev/null
source <(bash deploy/local-stack.sh env)
echo "==> building (release)"
for product in "${services[@]}" spotjob; do
  swift build -c release --product "$product" >"$run_dir/build.log" 2>&1 || { cat "$run_dir/build.log"; exit 1; }
done
bin="$(swift build -c release --show-bin-path)"

stop_services
# Billing's supplier and state mileage rates, for the billing service and the CLI's OIOUBL export.
export BILLING_SUPPLIER_FILE="$repo/deploy/billing/supplier.json" BILLING_MILEAGE_RATES_FILE="$repo/deploy/billing/mileage-rates.csv"
for service in "${services[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/${http_port[$service]}") 2>/dev/null; then
    echo "port ${http_port[$service]} (for $service) is in use; choose other ports with SPOTJOB_HTTP_PORT=N (N to N+3)" >&2
    exit 1
  fi
done
for service in "${services[@]}"; do
  upper="$(echo "$service" | tr '[:lower:]' '[:upper:]')"
  db_var="${upper}_DATABASE_URL"; amqp_var="${upper}_AMQP_URL"
  cpr=(-u CPR_ENCRYPTION_KEY -u CPR_INDEX_KEY -u CPR_PREVIOUS_ENCRYPTION_KEYS)
  [[ $service == matching ]] && cpr=(CPR_ENCRYPTION_KEY="${CPR_ENCRYPTION_KEY:?no CPR keys: run deploy/local-stack.sh up}" CPR_INDEX_KEY="${CPR_INDEX_KEY:?}")
  env "${cpr[@]}" DATABASE_URL="${!db_var}" AMQP_URL="${!amqp_var}" LOG_FORMAT=json MIGRATIONS_DIR="$repo/deploy/migrations" \
    HTTP_HOST=127.0.0.1 HTTP_PORT="${http_port[$service]}" setsid "$bin/$service" >"$run_dir/$service.log" 2>&1 &
  echo $! >"$run_dir/$service.pid"
  for _ in $(seq 1 100); do
    grep -q "consumer connected" "$run_dir/$service.log" && break
    kill -0 "$(cat "$run_dir/$service.pid")" 2>/dev/null || { cat "$run_dir/$service.log"; exit 1; }
    sleep 0.1
  done
  echo "==> $service running (pid $(cat "$run_dir/$service.pid"), http://127.0.0.1:${http_port[$service]}/metrics, log $run_dir/$service.log)"
done

# --- helpers -------------------------------------------------------------------------------------
step() { echo; echo "━━━ $*"; }
# Prints a spotjob command as a person would type it (quoting arguments with spaces), then runs it.
cli() {
  local shown=() argument
  for argument in "$@"; do if [[ $argument == *" "* ]]; then shown+=("'$argument'"); else shown+=("$argument"); fi; done
  echo; echo "\$ spotjob ${shown[*]}"; "$bin/spotjob" "$@"
}
# Waits up to 60 s until the command succeeds (the services work asynchronously), saying what it waits for.
wait_for() {
  local what=$1; shift
  for _ in $(seq 1 200); do "$@" >/dev/null 2>&1 && return 0; sleep 0.3; done
  echo "gave up waiting for $what (see the logs in $run_dir)" >&2
  exit 1
}
# Reads a JSON document from stdin and runs the Python code $1 on it (as `j`; arguments in sys.argv[1:]).
json() { python3 -c "import json, sys; j = json.load(sys.stdin); $1" "${@:2}"; }
# The opening id of sheet $2 from source $1.
opening_of() { "$bin/spotjob" openings list --json --source "$1" | json "print(next(o['openingId'] for o in j if o['sheetId'] == sys.argv[1]))" "$2"; }
# What the demo waits for, read through the CLI.
has_openings() { "$bin/spotjob" openings list --json --source "$1" | json "sys.exit(not j)"; }
has_tasks() { "$bin/spotjob" followup funnel --source "$1" --format json | json "sys.exit(j['registered'] < int(sys.argv[1]))" "$2"; }
has_proposals() { "$bin/spotjob" matches for-candidate "$1" --json | json "sys.exit(not j)"; }
has_placements() { "$bin/spotjob" placements list --jobcenter Horsens --limit 100 --json | json "sys.exit(len({p['placementId'] for p in j} & set(sys.argv[1:])) < 2)" "$@"; }
has_checkins() { "$bin/spotjob" followup due "$@" --json | json "sys.exit(len(j) < 6)"; }
has_documents() { "$bin/spotjob" invoices list --contract "$1" --json | json "sys.exit(sum(d['kind'] == sys.argv[1] for d in j) < int(sys.argv[2]))" "$2" "$3"; }
# This run's document numbers of contract $1 and kind $2.
numbers_of() { "$bin/spotjob" invoices list --contract "$1" --json | json "print(' '.join(str(d['invoiceNumber']) for d in j if d['kind'] == sys.argv[1]))" "$2"; }
stamp="$(date -u +%Y%m%d-%H%M%S)"
today="$(TZ=Europe/Copenhagen date +%F)"

step "1/6  The Horsens JobShop (15 May 2017) and the Hedensted innovation fair send their sheets → openings, rejections"
cli sheet submit deploy/demo/sheets.json deploy/demo/sheets.csv
wait_for "the JobShop's openings" has_openings jobshop-horsens-2017-05-15
cli openings list --source jobshop-horsens-2017-05-15
cli openings list --source innovationsmesse-hedensted-2018-03-31
cli sheets rejected --limit 1
cli dead-letters list --service intake --limit 3

step "2/6  Followup opens a contact task per opening, due 16:00 on the second working day after the sheet"
# Two sheets from today's Task Force meeting (a fresh source each run), so that one company can be
# contacted on time; they are also the openings this run's people are matched with below (matching's
# copy of the 2017 openings may have been emptied by tests on a shared stack).
today_source="taskforce-horsens-$stamp"
python3 - "$run_dir/today-sheets.json" "$today_source" <<'PY'
import datetime, json, sys
now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
sheet = {"revision": 1, "source": sys.argv[2], "municipality": "Horsens", "submittedAt": now}
json.dump([
    dict(sheet, sheetId=sys.argv[2] + "-001", company={"cvr": "29403473", "name": "Horsens Rengøring ApS", "employees": 8},
         contact={"name": "Anna Holm", "phone": "+45 75 00 11 22"}, category="Køkken/Rengøring", tasks=["Opvask"],
         hoursPerWeek=5, positions=2),
    dict(sheet, sheetId=sys.argv[2] + "-002", company={"cvr": "25313763", "name": "Bygma Horsens Lager", "employees": 60},
         contact={"name": "Jens Kristensen", "email": "jk@lager.example"}, category="Lager/logistik",
         tasks=["Pakkehåndtering"], hoursPerWeek=10)], open(sys.argv[1], "w"), ensure_ascii=False)
PY
cli sheet submit "$run_dir/today-sheets.json"
wait_for "today's contact tasks" has_tasks "$today_source" 2
today_opening="$(opening_of "$today_source" "$today_source-001")"
jobshop_opening="$(opening_of jobshop-horsens-2017-05-15 horsens-2017-05-15-001)"
cli followup due --limit 6   # most overdue first: the 2017 JobShop sheets lead
echo
echo "The jobcenter reports contacts: today's company on time, the 2017 JobShop company years late."
cli followup contacted "$today_opening" --jobcenter Horsens --outcome visit-booked --by "Jobcenter Horsens, Mette"
cli followup contacted "$jobshop_opening" --jobcenter Horsens --outcome reached --by "Jobcenter Horsens, Mette"

step "3/6  Candidate profiles (synthetic, fictitious CPR numbers) → explained proposals, the optimal assignment, placements → check-ins"
# deploy/demo/profiles.json with this run's suffix on each candidateId and its own fictitious serial
# digits (a CPR number is registered once per jobcenter).
python3 - deploy/demo/profiles.json "$run_dir/profiles.json" "$stamp" <<'PY'
import json, sys, time
profiles = json.load(open(sys.argv[1]))
for profile in profiles:
    profile["candidateId"] += "-" + sys.argv[3]
    profile["cpr"] = profile["cpr"][:8] + "%03d" % (int(time.time()) % 1000)
json.dump(profiles, open(sys.argv[2], "w"), ensure_ascii=False)
PY
first_candidate="demo-horsens-1-$stamp"
cli candidates submit "$run_dir/profiles.json"
wait_for "the proposals of $first_candidate" has_proposals "$first_candidate"
cli candidates list --jobcenter Horsens --limit 3
cli matches for-candidate "$first_candidate"
cli matches explain --opening "$today_opening" --candidate "$first_candidate"
cli matching assign --jobcenter Horsens | tee "$run_dir/assignment.txt"
# A consultant confirms two of the assignment's pairs for this run's people (the stack may hold people
# of earlier runs) by reporting them as placements starting today, at the person's fewest hours.
mapfile -t pairs < <(python3 - "$run_dir/profiles.json" "$run_dir/assignment.txt" <<'PY'
import json, sys
people = {p["candidateId"]: p["hoursPerWeek"]["min"] for p in json.load(open(sys.argv[1]))}
rows = [line.split() for line in open(sys.argv[2])]
for opening, candidate, _ in [row for row in rows if len(row) == 3 and row[1] in people][:2]:
    print(opening, candidate, people[candidate])
PY
)
(( ${#pairs[@]} == 2 )) || { echo "the assignment has fewer than two pairs for this run's people (see $run_dir/assignment.txt)" >&2; exit 1; }
placements=() placement_ids=()
for index in 0 1; do
  read -r opening candidate hours <<<"${pairs[$index]}"
  placement="demo-placement-$stamp-$((index + 1))"
  cli placements report --jobcenter Horsens --placement-id "$placement" --candidate "$candidate" --opening "$opening" --start-date "$today" --hours "$hours"
  placements+=(--placement "$placement")
  placement_ids+=("$placement")
done
wait_for "matching's record of both placements" has_placements "${placement_ids[@]}"
wait_for "followup's check-ins of both placements" has_checkins "${placements[@]}"
cli placements list --jobcenter Horsens --limit 2
cli followup due "${placements[@]}"

step "4/6  The STAR report for $(TZ=Europe/Copenhagen date +%B\ %Y): target-group starts with CPR and CVR, written to a file"
star_file="$run_dir/star-${today:0:7}.csv"
cli report star --month "${today:0:7}" --jobcenter Horsens --requested-by "Jobcenter Horsens, Mette" --output "$star_file"
echo "STAR report: $star_file (mode 0600; it holds whole CPR numbers)"

step "5/6  Billing: the Ishøj and Hedensted contracts as the seeds write them → invoices, a credit note, OIOUBL; billing staff's queue"
ishoj="ishoj-taskforce-2022-$stamp"; hedensted="hedensted-taskforce-2019-$stamp"
for seed in ishoj hedensted; do
  python3 - "deploy/demo/contract-$seed.json" "$run_dir/contract-$seed.json" "$stamp" <<'PY'
import json, sys
contract = json.load(open(sys.argv[1]))
contract["contractId"] += "-" + sys.argv[3]
json.dump(contract, open(sys.argv[2], "w"), ensure_ascii=False)
PY
done
cli contracts register "$run_dir/contract-ishoj.json" "$run_dir/contract-hedensted.json"
echo
echo "The Hedensted Task Force meets four times (the second half of its price falls due):"
for meeting in 2019-05-01 2019-06-12 2019-08-20 2019-10-03; do
  "$bin/spotjob" meetings held --contract "$hedensted" --date "$meeting"
done
wait_for "Ishøj's six invoices" has_documents "$ishoj" invoice 6
wait_for "Hedensted's two invoices" has_documents "$hedensted" invoice 2
cli contracts show "$ishoj"
cli invoices list --contract "$ishoj"
first_hedensted="$(numbers_of "$hedensted" invoice | cut -d' ' -f1)"
cli invoices credit "$first_hedensted" --reason "Demo: krediteret"
wait_for "the credit note" has_documents "$hedensted" credit-note 1
cli invoices list --contract "$hedensted"
export_dir="$run_dir/oioubl"
rm -rf "$export_dir"
cli invoices export --dir "$export_dir"
this_run=()
for number in $(numbers_of "$ishoj" invoice) $(numbers_of "$hedensted" invoice); do this_run+=("$export_dir/invoice-$number.xml"); done
for number in $(numbers_of "$hedensted" credit-note); do this_run+=("$export_dir/credit-note-$number.xml"); done
validator="$repo/../shared/tools/validate-oioubl"
[[ -x $validator ]] || validator="$repo/shared/tools/validate-oioubl"
if [[ -x $validator ]]; then
  echo
  echo "\$ validate-oioubl <this run's ${#this_run[@]} documents>"
  "$validator" "${this_run[@]}" | sed "s|$export_dir/||"
else
  echo "(no OIOUBL validator at ../shared/tools/validate-oioubl: the ${#this_run[@]} documents are in $export_dir)"
fi
echo
echo "Billing staff read their queue as the billing-staff user (the events stay in it):"
cli invoices queued --contract "$ishoj" --contract "$hedensted"

step "6/6  The funnel for the JobShop's steering group, as a table and as an HTML page"
cli followup funnel --source jobshop-horsens-2017-05-15
cli followup funnel --source jobshop-horsens-2017-05-15 --format html --output "$run_dir/funnel.html"
echo "Funnel page: $run_dir/funnel.html"

cat <<MSG

━━━ The demo took $((SECONDS - started_at)) s. SpotJob keeps running; explore it:
  source <(bash deploy/local-stack.sh env)
  $bin/spotjob openings list --municipality Horsens --json
  $bin/spotjob matches explain --opening $today_opening --candidate $first_candidate
  $bin/spotjob placements list --jobcenter Horsens
  $bin/spotjob followup due ${placements[*]}
  $bin/spotjob invoices show $first_hedensted --xml
  $bin/spotjob invoices queued --contract $hedensted
  curl -s http://127.0.0.1:${http_port[matching]}/metrics | grep spotjob_messages_published_total
Stop the services with: bash deploy/run.sh stop   (and the stack with: bash deploy/local-stack.sh down)
MSG
