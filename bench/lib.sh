# Shared by the sending benchmarks: Debian's PostgreSQL 15, Postfix's smtp-sink, the packaged service.
# Source it; it defines functions and the variables below. Runs as root (starts clusters, installs tools).
DB=${DB:-newsletter_bench}
SMTP_PORT=${SMTP_PORT:-12525}
ADMIN=admin:bench-admin-password
PSQL() { su postgres -c "psql -qAt -d $DB -c \"$1\""; }

need_tools() {
  for pkg in smtp-sink:postfix smtp-source:postfix pg_ctlcluster:postgresql-common psql:postgresql-client curl:curl jq:jq; do
    command -v "${pkg%%:*}" >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkg#*:}" postgresql >/dev/null; }
  done
}

fresh_database() {
  pg_ctlcluster --skip-systemctl-redirect 15 main start 2>/dev/null || true
  su postgres -c "psql -q -c \"drop database if exists $DB with (force)\""
  su postgres -c "psql -q -c \"do \\\$\\\$ begin if not exists (select from pg_roles where rolname='bench') then create role bench login password 'bench'; end if; end \\\$\\\$\""
  su postgres -c "psql -q -c \"create database $DB owner bench\""
}

build() {
  [ -f target/quarkus-app/quarkus-run.jar ] && [ -z "$(find src pom.xml -newer target/quarkus-app/quarkus-run.jar -type f | head -1)" ] \
    || ./mvnw -q -B package -DskipTests
}

# start_sink [dump-dir]: smtp-sink on 127.0.0.1:$SMTP_PORT; with a dir, one file per message (slower)
start_sink() {
  stop_sink
  if [ -n "${1:-}" ]; then
    mkdir -p "$1"; chown nobody "$1"; chmod 755 "$WORK"
    smtp-sink -u nobody -d "$1/%H%M%S." -c 127.0.0.1:$SMTP_PORT 2000 > "$WORK/sink.log" 2>&1 &
  else
    smtp-sink -u nobody -c 127.0.0.1:$SMTP_PORT 2000 > "$WORK/sink.log" 2>&1 &
  fi
  SINK=$!
  sleep 0.5
}
stop_sink() { if [ -n "${SINK:-}" ]; then kill "$SINK" 2>/dev/null || true; wait "$SINK" 2>/dev/null || true; fi; SINK=; }

# start_app port log [extra env...]: the service against the bench database and the sink
start_app() {
  local port=$1 log=$2; shift 2
  env QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$DB \
    QUARKUS_DATASOURCE_USERNAME=bench QUARKUS_DATASOURCE_PASSWORD=bench \
    QUARKUS_HTTP_PORT=$port NEWSLETTER_BASE_URL=https://bench.example.org \
    NEWSLETTER_TOKEN_SECRET=bench-secret-0123456789abcdef0123456789 NEWSLETTER_ADMIN_PASSWORD=bench-admin-password \
    NEWSLETTER_MAIL_TRANSPORT=smtp NEWSLETTER_SMTP_HOST=127.0.0.1 NEWSLETTER_SMTP_PORT=$SMTP_PORT \
    NEWSLETTER_MAIL_FROM="Bench News <news@bench.example.org>" QUARKUS_LOG_LEVEL=INFO \
    "$@" java ${JAVA_OPTS:--Xmx256m} -jar target/quarkus-app/quarkus-run.jar > "$log" 2>&1 &
  APP=$!
  for _ in $(seq 1 90); do curl -sf localhost:$port/q/health/ready >/dev/null && return 0; sleep 1; done
  echo "service on $port did not start"; tail -30 "$log"; return 1
}

api() { curl -sf -u $ADMIN -H 'Content-Type: application/json' "$@"; }

# seed_readers n: a list 'bench' with n confirmed readers, written straight into the database
seed_readers() {
  local n=$1 port=$2
  api -d '{"slug":"bench","name":"Bench Daily","public":true,"optIn":"single"}' localhost:$port/api/admin/lists >/dev/null
  PSQL "insert into subscribers (public_id, email, name) select gen_random_uuid(), 'reader-' || i || '@bench.example.org', 'Reader ' || i from generate_series(1, $n) i"
  PSQL "insert into subscriptions (subscriber_id, list_id, status, confirmed_at) select s.id, l.id, 'confirmed', now() from subscribers s, mailing_lists l where l.slug = 'bench'"
  PSQL "analyze"
  for i in 1 2 3 4 5 6 7 8; do
    api -d "{\"title\":\"Bench story $i: the council meets again over the harbour plans\",\"url\":\"https://bench.example.org/story-$i\",\"summary\":\"<p>A summary of story $i with <b>some</b> markup, long enough to look like a real teaser of an article that a reader might want to open.</p>\",\"author\":\"Desk\",\"lists\":[\"bench\"]}" \
      localhost:$port/api/admin/articles >/dev/null
  done
}

# warm_up n port: a digest to n other readers first, so the JIT has compiled the sending path before the
# measured run (the signup benchmark warms up too); leaves the ledger of that digest in place
warm_up() {
  local n=$1 port=$2 id
  api -d '{"slug":"warmup","name":"Warm-up","public":false,"optIn":"single"}' localhost:$port/api/admin/lists >/dev/null || true
  PSQL "insert into subscribers (public_id, email, name) select gen_random_uuid(), 'warm-' || i || '@bench.example.org', 'Warm ' || i from generate_series(1, $n) i on conflict do nothing"
  PSQL "insert into subscriptions (subscriber_id, list_id, status, confirmed_at) select s.id, l.id, 'confirmed', now() from subscribers s, mailing_lists l where l.slug = 'warmup' and s.email like 'warm-%' on conflict do nothing"
  api -d '{"title":"Warm-up story","url":"https://bench.example.org/warm-up","summary":"<p>Warming up.</p>","lists":["warmup"]}' \
    localhost:$port/api/admin/articles >/dev/null || true
  id=$(api -d '{"list":"warmup","subject":"Warm-up"}' localhost:$port/api/admin/digests | jq -r .id)
  api -X POST localhost:$port/api/admin/digests/$id/send >/dev/null
  wait_sent "$id" "$port" >/dev/null
}

new_digest() { api -d "{\"list\":\"bench\",\"subject\":\"$1\"}" localhost:$2/api/admin/digests | jq -r .id; }

# wait_sent id port: until the digest is sent (polled in the database: the admin API's bcrypt check per
# request would cost the service CPU); prints its JSON from the API
wait_sent() {
  while [ "$(PSQL "select status from digests where id = $1")" != sent ]; do sleep 1; done
  curl -sf -u $ADMIN localhost:$2/api/admin/digests/$1
}

# seconds between the digest's start and finish, from the database
digest_seconds() { PSQL "select round(extract(epoch from finished_at - started_at)::numeric, 2) from digests where id = $1"; }

dkim_key() {
  [ -f "$WORK/dkim.pem" ] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/dkim.pem" 2>/dev/null
  echo "$WORK/dkim.pem"
}

# count_received dump-dir readers: prints "received_distinct=.. missing=.. duplicates=.." from the sink's files
count_received() {
  grep -h '^X-Rcpt-Args: ' -r "$1" | sed 's/^X-Rcpt-Args: TO:<\([^>]*\)>.*/\1/' | sort | uniq -c | awk '{print $1}' | sort -n | uniq -c > "$WORK/counts"
  local distinct duplicates
  distinct=$(awk '{s += $1} END {print s + 0}' "$WORK/counts")
  duplicates=$(awk '$2 > 1 {s += $1 * ($2 - 1)} END {print s + 0}' "$WORK/counts")
  echo "received_distinct=$distinct missing=$(($2 - distinct)) duplicates=$duplicates"
}
