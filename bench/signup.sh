#!/usr/bin/env bash
# A 100,000-row CSV import into the idle service, then signup throughput: wrk against
# POST /api/subscriptions, then pgbench doing the same row writes on the same database. Runs against Debian's PostgreSQL 15 (standalone) and
# Postfix's smtp-sink as the SMTP relay, all on loopback. Prints RESULT lines; see RESULTS.md.
#
# Two measured runs after the warm-up: as fast as CONNECTIONS connections go (closed loop: each sends
# its next request when the answer came), then paced at about PACED_RATE signups/s (100 connections, each
# pausing between answer and next request) for the latency at that rate.
#
# Usage: bench/signup.sh [duration-seconds (30)] [connections (64)] [paced-rate (2000)]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-30}
CONNECTIONS=${2:-64}
PACED_RATE=${3:-2000}
PORT=18080
SMTP_PORT=12525
DB=newsletter_bench
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

for pkg in wrk:wrk pgbench:postgresql-contrib smtp-sink:postfix pg_ctlcluster:postgresql-common; do
  command -v "${pkg%%:*}" >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkg#*:}" postgresql >/dev/null; }
done

echo "== PostgreSQL 15 (standalone)"
pg_ctlcluster --skip-systemctl-redirect 15 main start 2>/dev/null || true
su postgres -c "psql -q -c \"drop database if exists $DB\"" 
su postgres -c "psql -q -c \"do \\\$\\\$ begin if not exists (select from pg_roles where rolname='bench') then create role bench login password 'bench'; end if; end \\\$\\\$\""
su postgres -c "psql -q -c \"create database $DB owner bench\""

echo "== build"
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B package -DskipTests

echo "== smtp-sink on 127.0.0.1:$SMTP_PORT"
smtp-sink -u nobody -c 127.0.0.1:$SMTP_PORT 2000 > "$WORK/sink.log" 2>&1 &

echo "== service"
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$DB \
QUARKUS_DATASOURCE_USERNAME=bench QUARKUS_DATASOURCE_PASSWORD=bench \
QUARKUS_HTTP_PORT=$PORT NEWSLETTER_BASE_URL=https://bench.example.org \
NEWSLETTER_TOKEN_SECRET=bench-secret-0123456789abcdef0123456789 NEWSLETTER_ADMIN_PASSWORD=bench-admin-password \
NEWSLETTER_MAIL_TRANSPORT=smtp NEWSLETTER_SMTP_HOST=127.0.0.1 NEWSLETTER_SMTP_PORT=$SMTP_PORT \
NEWSLETTER_SIGNUP_PER_IP_PER_MINUTE=0 QUARKUS_LOG_LEVEL=WARN \
  java -Xmx512m -jar target/quarkus-app/quarkus-run.jar > "$WORK/app.log" 2>&1 &
APP=$!
for _ in $(seq 1 60); do curl -sf localhost:$PORT/q/health/ready >/dev/null && break; sleep 1; done
curl -sf -u admin:bench-admin-password -H 'Content-Type: application/json' \
  -d '{"slug":"bench","name":"Bench","public":true,"optIn":"double"}' localhost:$PORT/api/admin/lists >/dev/null

echo "== CSV import: 100,000 rows"
{ echo "email,name"; for i in $(seq 1 100000); do echo "import-$i@bench.example.org,Reader $i"; done; } > "$WORK/import.csv"
curl -sf -u admin:bench-admin-password -H 'Content-Type: application/json' \
  -d '{"slug":"imported","name":"Imported","public":false,"optIn":"single"}' localhost:$PORT/api/admin/lists >/dev/null
START=$(date +%s.%N)
curl -sf -u admin:bench-admin-password -H 'Content-Type: text/csv' --data-binary @"$WORK/import.csv" \
  localhost:$PORT/api/admin/lists/imported/import -o "$WORK/report.json"
END=$(date +%s.%N)
echo "RESULT import_rows=100000 import_seconds=$(awk "BEGIN {printf \"%.2f\", $END - $START}") report=$(head -c 120 "$WORK/report.json")"

echo "== warm-up (60 s: the JIT needs it)"
wrk -t2 -c"$CONNECTIONS" -d60s -s bench/signup.lua http://127.0.0.1:$PORT >/dev/null
echo "== wrk: POST /api/subscriptions, ${DURATION}s, $CONNECTIONS connections"
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/signup.lua http://127.0.0.1:$PORT | tee "$WORK/wrk.txt"
# minus 10 ms: the answer itself takes a few, and the offered rate should not fall short of the target
PAUSE_MS=$(( 100 * 1000 / PACED_RATE - 10 ))
echo "== wrk paced: 100 connections pausing ${PAUSE_MS} ms on average (about ${PACED_RATE}/s), ${DURATION}s"
wrk -t2 -c100 -d"${DURATION}s" --latency -s bench/signup.lua http://127.0.0.1:$PORT -- "$PAUSE_MS" | tee "$WORK/wrk-paced.txt"
echo "RESULT app_rss_mb=$(( $(ps -o rss= -p $APP) / 1024 ))"
echo "RESULT queued_confirmations=$(su postgres -c "psql -At $DB -c \"select count(*) from outbound_mails\"") sent=$(su postgres -c "psql -At $DB -c \"select count(*) from outbound_mails where status='sent'\"")"

echo "== pgbench: the same row writes, ${DURATION}s, 20 clients"
PGPASSWORD=bench pgbench -h 127.0.0.1 -U bench -n -c 20 -j 2 -T "$DURATION" -f bench/signup-writes.pgbench $DB | tee "$WORK/pgbench.txt"
echo "== pgbench: the same row writes 50 signups per transaction (as the service's writers batch them), ${DURATION}s, 2 clients"
PGPASSWORD=bench pgbench -h 127.0.0.1 -U bench -n -c 2 -j 2 -T "$DURATION" -f bench/signup-writes-batched.pgbench $DB | tee "$WORK/pgbench-batched.txt"
APP_RPS=$(grep -o 'rps=[0-9]*' "$WORK/wrk.txt" | cut -d= -f2)
PG_BATCHED=$(grep -o 'tps = [0-9.]*' "$WORK/pgbench-batched.txt" | head -1 | awk '{printf "%.0f", $3 * 50}')
echo "RESULT pgbench_batched_signups_per_s=$PG_BATCHED ratio=$(awk "BEGIN {printf \"%.2f\", $APP_RPS / $PG_BATCHED}")"
PG_TPS=$(grep -o 'tps = [0-9.]*' "$WORK/pgbench.txt" | head -1 | awk '{print $3}')
PACED=$(grep -o 'rps=.*p99_ms=[0-9.]*' "$WORK/wrk-paced.txt")
echo "RESULT paced $PACED"
echo "RESULT signup_rps=$APP_RPS pgbench_tps=$PG_TPS ratio=$(awk "BEGIN {printf \"%.2f\", $APP_RPS / $PG_TPS}")"

