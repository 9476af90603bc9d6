#!/usr/bin/env bash
# Digest dispatch throughput: N confirmed readers (default 100,000) to Postfix's smtp-sink on loopback,
# DKIM off and then on, against smtp-source pushing N messages of the same size over the same number of
# kept-open connections into the same sink. Each service run first sends a 30,000-reader warm-up digest
# to another list, then the measured one. Prints RESULT lines; see RESULTS.md.
#
# Usage: bench/dispatch.sh [readers=100000] [concurrency=4]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
N=${1:-100000}
C=${2:-4}
PORT=18081
export JAVA_OPTS=${JAVA_OPTS:-"-Xmx256m -XX:+UseParallelGC"}
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

need_tools
build
fresh_database

echo "== probe: one copy of the digest, kept, to size smtp-source's message"
start_sink "$WORK/probe"
start_app $PORT "$WORK/app-probe.log" NEWSLETTER_SEND_CONCURRENCY=$C
seed_readers "$N" $PORT
ID=$(new_digest "Bench digest, DKIM off" $PORT)
ARTICLES=$(curl -sf -u $ADMIN localhost:$PORT/api/admin/digests/$ID | jq -c .articleIds)
api -d '{"email":"reader-1@bench.example.org"}' localhost:$PORT/api/admin/digests/$ID/test >/dev/null
for _ in $(seq 1 30); do [ -n "$(ls "$WORK/probe")" ] && break; sleep 0.5; done
SAMPLE="$WORK/sample.eml"
grep -v '^X-\(Client\|Helo\|Mail\|Rcpt\)-' "$(ls -d "$WORK"/probe/* | head -1)" > "$SAMPLE"
SIZE=$(wc -c < "$SAMPLE")
echo "RESULT message_bytes=$SIZE"
kill $APP; wait $APP 2>/dev/null || true

echo "== DKIM off: $N readers, $C connections"
start_sink
start_app $PORT "$WORK/app-off.log" NEWSLETTER_SEND_CONCURRENCY=$C
warm_up 30000 $PORT
api -X POST localhost:$PORT/api/admin/digests/$ID/send >/dev/null
wait_sent "$ID" $PORT > "$WORK/off.json"
OFF_S=$(digest_seconds "$ID")
OFF_RATE=$(awk "BEGIN {printf \"%.0f\", $N / $OFF_S}")
echo "RESULT dkim=off sent=$(jq .sent "$WORK/off.json") failed=$(jq .failed "$WORK/off.json") seconds=$OFF_S rate=$OFF_RATE rss_mb=$(( $(ps -o rss= -p $APP) / 1024 ))"
kill $APP; wait $APP 2>/dev/null || true

echo "== smtp-source: $N messages of $SIZE bytes, $C sessions kept open"
START=$(date +%s.%N)
smtp-source -d -s "$C" -m "$N" -F "$SAMPLE" -f news@bench.example.org -t reader@bench.example.org 127.0.0.1:$SMTP_PORT
END=$(date +%s.%N)
SRC_S=$(awk "BEGIN {printf \"%.2f\", $END - $START}")
SRC_RATE=$(awk "BEGIN {printf \"%.0f\", $N / $SRC_S}")
echo "RESULT smtp_source seconds=$SRC_S rate=$SRC_RATE"
echo "RESULT dkim_off_ratio=$(awk "BEGIN {printf \"%.2f\", $OFF_RATE / $SRC_RATE}")"

echo "== DKIM on (RSA-2048, relaxed/relaxed): $N readers, $C connections"
KEY=$(dkim_key)
start_app $PORT "$WORK/app-on.log" NEWSLETTER_SEND_CONCURRENCY=$C \
  NEWSLETTER_DKIM_DOMAIN=bench.example.org NEWSLETTER_DKIM_SELECTOR=bench NEWSLETTER_DKIM_PRIVATE_KEY="$KEY"
PSQL "delete from deliveries where digest_id in (select id from digests where list_id = (select id from mailing_lists where slug = 'warmup'))"
PSQL "delete from digest_articles where digest_id in (select id from digests where list_id = (select id from mailing_lists where slug = 'warmup'))"
PSQL "delete from digests where list_id = (select id from mailing_lists where slug = 'warmup')"
warm_up 30000 $PORT
ID2=$(api -d "{\"list\":\"bench\",\"subject\":\"Bench digest, DKIM on\",\"articleIds\":$ARTICLES}" localhost:$PORT/api/admin/digests | jq -r .id)
api -X POST localhost:$PORT/api/admin/digests/$ID2/send >/dev/null
wait_sent "$ID2" $PORT > "$WORK/on.json"
ON_S=$(digest_seconds "$ID2")
echo "RESULT dkim=on sent=$(jq .sent "$WORK/on.json") failed=$(jq .failed "$WORK/on.json") seconds=$ON_S rate=$(awk "BEGIN {printf \"%.0f\", $N / $ON_S}") rss_mb=$(( $(ps -o rss= -p $APP) / 1024 ))"
