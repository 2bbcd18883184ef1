#!/usr/bin/env bash
# Runs SpotJob on this machine: the local stack (PostgreSQL + RabbitMQ on loopback), the services,
# and a demo (Spot et job sheets from the seeds' Horsens JobShop and Hedensted innovation fair).
#   bash deploy/run.sh          start everything and show the demo
#   bash deploy/run.sh stop     stop the services (the stack keeps running: deploy/local-stack.sh down)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
run_dir="$repo/.local/run"
services=(intake matching followup billing)
# Each service's health and metrics port (loopback only); matching also gets the CPR keys (and only matching).
declare -A http_port=([intake]=8080 [matching]=8081 [followup]=8082 [billing]=8083)
mkdir -p "$run_dir"

stop_services() {
  for service in "${services[@]}"; do
    if [[ -f "$run_dir/$service.pid" ]] && kill -0 "$(cat "$run_dir/$service.pid")" 2>/dev/null; then
      kill -TERM "$(cat "$run_dir/$service.pid")"
      echo "stopped $service"
    fi
    rm -f "$run_dir/$service.pid"
  done
}

if [[ "${1:-}" == "stop" ]]; then stop_services; exit 0; fi

bash deploy/local-stack.sh up >/dev/null
source <(bash deploy/local-stack.sh env)
echo "==> building"
for product in "${services[@]}" spotjob; do
  swift build -c release --product "$product" >"$run_dir/build.log" 2>&1 || { cat "$run_dir/build.log"; exit 1; }
done
bin="$(swift build -c release --show-bin-path)"

stop_services
for service in "${services[@]}"; do
  upper="$(echo "$service" | tr '[:lower:]' '[:upper:]')"
  db_var="${upper}_DATABASE_URL"; amqp_var="${upper}_AMQP_URL"
  cpr=(-u CPR_ENCRYPTION_KEY -u CPR_INDEX_KEY)
  [[ $service == matching ]] && cpr=(CPR_ENCRYPTION_KEY="${CPR_ENCRYPTION_KEY:?no CPR keys: run deploy/local-stack.sh up}" CPR_INDEX_KEY="${CPR_INDEX_KEY:?}")
  env "${cpr[@]}" DATABASE_URL="${!db_var}" AMQP_URL="${!amqp_var}" LOG_FORMAT=json MIGRATIONS_DIR="$repo/deploy/migrations" \
    HTTP_HOST=127.0.0.1 HTTP_PORT="${http_port[$service]}" \
    BILLING_SUPPLIER_FILE="$repo/deploy/billing/supplier.json" BILLING_MILEAGE_RATES_FILE="$repo/deploy/billing/mileage-rates.csv" setsid "$bin/$service" >"$run_dir/$service.log" 2>&1 &
  echo $! >"$run_dir/$service.pid"
  for _ in $(seq 1 100); do
    grep -q "consumer connected" "$run_dir/$service.log" && break
    kill -0 "$(cat "$run_dir/$service.pid")" 2>/dev/null || { cat "$run_dir/$service.log"; exit 1; }
    sleep 0.1
  done
  echo "==> $service running (pid $(cat "$run_dir/$service.pid"), log $run_dir/$service.log)"
done

echo "==> submitting demo sheets (deploy/demo) as a jobcenter system would"
"$bin/spotjob" sheet submit deploy/demo/sheets.json deploy/demo/sheets.csv
sleep 1
echo
echo "==> spotjob openings list --source jobshop-horsens-2017-05-15   (and the Hedensted fair's)"
"$bin/spotjob" openings list --source jobshop-horsens-2017-05-15
"$bin/spotjob" openings list --source innovationsmesse-hedensted-2018-03-31
echo
echo "==> submitting demo candidate profiles (deploy/demo/profiles.json; fictitious CPR numbers)"
"$bin/spotjob" candidates submit deploy/demo/profiles.json
sleep 1
echo
echo "==> spotjob candidates list   (CPR masked)"
"$bin/spotjob" candidates list --limit 5
echo
echo "==> spotjob matches for-candidate demo-horsens-1"
"$bin/spotjob" matches for-candidate demo-horsens-1
echo
echo "==> spotjob sheets rejected"
"$bin/spotjob" sheets rejected --limit 1
echo
echo "==> spotjob dead-letters list --service intake"
"$bin/spotjob" dead-letters list --service intake --limit 3

echo
echo "==> followup: a contact task per opening, due 16:00 on the second working day after the sheet"
# One sheet from today's Task Force meeting, so that one company can be contacted on time.
today_sheet="$run_dir/today-sheet.json"
today_source="taskforce-horsens-$(date -u +%Y%m%d-%H%M%S)"
python3 - "$today_sheet" "$today_source" <<'PY'
import datetime, json, sys
now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
json.dump({"sheetId": sys.argv[2] + "-001", "revision": 1, "source": sys.argv[2],
           "municipality": "Horsens", "company": {"cvr": "29403473", "name": "Horsens Rengøring ApS", "employees": 8},
           "contact": {"name": "Anna Holm", "phone": "+45 75 00 11 22"}, "category": "Køkken/Rengøring",
           "tasks": ["Opvask"], "hoursPerWeek": 5, "submittedAt": now}, open(sys.argv[1], "w"))
PY
"$bin/spotjob" sheet submit "$today_sheet" >/dev/null
sleep 1.5
"$bin/spotjob" followup due --limit 8   # most overdue first: the 2017 JobShop sheets lead
# The opening id of sheet $2 from source $1.
opening_of() { "$bin/spotjob" openings list --json --source "$1" | python3 -c "import json,sys; print(next(o['openingId'] for o in json.load(sys.stdin) if o['sheetId'] == sys.argv[1]))" "$2"; }
echo
echo "==> the jobcenter reports contacts: today's company on time, the 2017 JobShop company years late"
"$bin/spotjob" followup contacted "$(opening_of "$today_source" "$today_source-001")" --outcome visit-booked --by "Jobcenter Horsens, Mette"
"$bin/spotjob" followup contacted "$(opening_of jobshop-horsens-2017-05-15 horsens-2017-05-15-001)" --outcome reached --by "Jobcenter Horsens, Mette"
sleep 1
echo
echo "==> spotjob followup funnel (the steering group's table; HTML page below)"
"$bin/spotjob" followup funnel --source jobshop-horsens-2017-05-15
"$bin/spotjob" followup funnel --source jobshop-horsens-2017-05-15 --format html --output "$run_dir/funnel.html"
echo
echo "==> billing: registering the Ishøj and Hedensted contracts as the seeds write them (deploy/demo/contract-*.json)"
export BILLING_SUPPLIER_FILE="$repo/deploy/billing/supplier.json"
"$bin/spotjob" contracts register deploy/demo/contract-ishoj.json deploy/demo/contract-hedensted.json
for meeting in 2019-05-01 2019-06-12 2019-08-20 2019-10-03; do
  "$bin/spotjob" meetings held --contract hedensted-taskforce-2019 --date "$meeting" >/dev/null
done
sleep 2
echo
echo "==> spotjob contracts show ishoj-taskforce-2022"
"$bin/spotjob" contracts show ishoj-taskforce-2022
echo
echo "==> spotjob invoices list"
"$bin/spotjob" invoices list
first_invoice="$("$bin/spotjob" invoices list --contract hedensted-taskforce-2019 --json | sed -n 's/.*"invoiceNumber" : \([0-9]*\).*/\1/p' | head -1)"
if [[ -n "$first_invoice" ]]; then
  echo
  echo "==> spotjob invoices credit $first_invoice --reason 'Demo: krediteret'"
  "$bin/spotjob" invoices credit "$first_invoice" --reason "Demo: krediteret"
  sleep 1
  "$bin/spotjob" invoices list --contract hedensted-taskforce-2019
fi
export_dir="$run_dir/oioubl"
rm -rf "$export_dir"
"$bin/spotjob" invoices export --dir "$export_dir"
if [[ -x "$repo/../shared/tools/validate-oioubl" ]]; then
  echo "==> validating the OIOUBL documents with ../shared/tools/validate-oioubl"
  "$repo/../shared/tools/validate-oioubl" "$export_dir"/*.xml | tail -3
fi

cat <<MSG

SpotJob is running. Try:
  source <(bash deploy/local-stack.sh env)
  $bin/spotjob openings list --municipality Horsens --json
  $bin/spotjob invoices show 1 --xml
  $bin/spotjob followup due --municipality Horsens
  $bin/spotjob followup funnel --format html --output funnel.html
Stop the services with: bash deploy/run.sh stop   (and the stack with: bash deploy/local-stack.sh down)
MSG
