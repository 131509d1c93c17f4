#!/usr/bin/env bash
# ./shaken-pki bench: signing, verification and issuance of the embedded server beside its peers in the same run
# (secsipidx for signing and verification, Pebble for issuance), with the same load generator (wrk; acme4j for
# issuance), plus raw HSM and JCA rates, start-up time and memory; prints a table and writes bench-report.json.
# Run it through ./shaken-pki bench, which installs wrk, pebble, secsipidx and jq when root (require_commands).
#
# Starts the server when it is not running (and stops it again at the end unless BENCH_KEEP_SERVER=1; a server
# started elsewhere must allow x5u URLs on its HTTPS port: shakenpki.vs.allowed-ports),
# provisions what the measurements need (STI-PA account, API users, an ACTIVE SP-KMS credential, an STI-AS API
# key), makes a private SoftHSM2 token for the raw signing rate, starts the peers on loopback (stopped on exit),
# then runs the Java driver (bench/src/main/java).
#
# Settings (environment): BENCH_RUNS (alternating runs per server and measure, 3), BENCH_SECONDS (per run, 5;
# at most 45), BENCH_WARMUP_SECONDS (15: the JIT needs about that on two cores), BENCH_ISSUANCE_WARMUP_SECONDS (45: issuance runs more code), BENCH_C (ACME clients, 2), BENCH_JMH_SECONDS (per JMH iteration, 2),
# BENCH_SKIP_RAW=1 (no JMH), BENCH_ONLY (a comma-separated list of sign, verify, lightest, issuance), BENCH_REPORT (bench-report.json), BENCH_PEER_PORT (first of six loopback ports for
# the peers, default SHAKEN_PKI_HTTPS_PORT + 1), plus the launcher's SHAKEN_PKI_DATA, SHAKEN_PKI_HTTP_PORT,
# SHAKEN_PKI_HTTPS_PORT and SHAKEN_PKI_JAVA_OPTS.
#
# BENCH_NODES=N (1 to 9, default 1): the same bench through HAProxy against ./shaken-pki start --nodes N (node i on
# HTTP_PORT+i/HTTPS_PORT+i, a shared PostgreSQL, launcher/cluster.sh, whose SHAKEN_PKI_CLUSTER_PORT and
# SHAKEN_PKI_PG_PORT apply); server CPU is summed over the nodes, HAProxy and PostgreSQL, and reported by process.
# The report defaults to bench-report-nodes<N>.json and BENCH_PEER_PORT to SHAKEN_PKI_HTTPS_PORT + N + 1 (after the
# nodes' HTTPS ports). On one machine the figures show the cluster's overhead, not a gain.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LAUNCHER="$ROOT/shaken-pki"
DATA="${SHAKEN_PKI_DATA:-$ROOT/data}"
HTTP_PORT="${SHAKEN_PKI_HTTP_PORT:-8080}"
HTTPS_PORT="${SHAKEN_PKI_HTTPS_PORT:-8443}"
SPC=1234
NODES="${BENCH_NODES:-1}"
[[ "$NODES" =~ ^[1-9]$ ]] || { printf 'bench: BENCH_NODES takes 1 to 9, not %s\n' "$NODES" >&2; exit 1; }
if (( NODES > 1 )); then REPORT="${BENCH_REPORT:-$ROOT/bench-report-nodes$NODES.json}"
else REPORT="${BENCH_REPORT:-$ROOT/bench-report.json}"; fi

say() { printf 'bench: %s\n' "$*"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
pom_property() { sed -n "s|.*<$1>\(.*\)</$1>.*|\1|p" "$ROOT/pom.xml" | head -n 1; }

for tool in jq wrk pebble secsipidx openssl curl bc; do
  command -v "$tool" >/dev/null || die "$tool is missing: run the bench as ./shaken-pki bench (it installs what it needs)"
done
PEER_PORT="${BENCH_PEER_PORT:-$((HTTPS_PORT + NODES * (NODES > 1) + 1))}" # past a cluster's node ports
SECSIPIDX_PORT="$PEER_PORT"
PEBBLE_PORT="$((PEER_PORT + 1))"

# --- build: the application (so that start-up is not build time) and the driver ----------------------
war="$ROOT/web-module/target/shaken-pki.war"
if [[ ! -f "$war" || -n "$(find "$ROOT/pom.xml" "$ROOT"/ejb-module "$ROOT"/web-module "$ROOT"/hsm-config \
      -newer "$war" -type f \( -name '*.java' -o -name '*.xml' -o -name '*.properties' \) -not -path '*/target/*' -print -quit)" ]]; then
  say "building the application ..."
  (cd "$ROOT" && mvn -B -q -DskipTests package -pl web-module -am) || die "build failed"
fi
say "building the driver ..."
(cd "$ROOT" && mvn -B -q -DskipTests package -pl bench) || die "bench build failed"

# --- server: start when needed, timing ./shaken-pki start up to healthy ------------------------------
startup=""
startup_cpu=""
started_here=false
cluster_props=()
stop_server() { if $started_here && [[ "${BENCH_KEEP_SERVER:-0}" != 1 ]]; then "$LAUNCHER" stop | sed 's/^/  /'; fi; }
# utime + stime of the processes in seconds (fields 14 and 15 of /proc/<pid>/stat, after the command's name)
cpu_seconds() { local p; for p in "$@"; do sed 's/.*) //' "/proc/$p/stat"; done | awk -v hz="$(getconf CLK_TCK)" '{t += $12 + $13} END {printf "%.1f", t / hz}'; }
# ./shaken-pki start with the given options, timed up to healthy into $startup. The STI-VS accepts x5u URLs on the
# standard ports only; the bench's server (or a cluster's balancer) publishes on its own port.
start_timed() {
  local t0; t0="$(date +%s.%N)"
  SHAKEN_PKI_JAVA_OPTS="${SHAKEN_PKI_JAVA_OPTS:-} -Dshakenpki.vs.allowed-ports=443,8443,$HTTPS_PORT" \
    "$LAUNCHER" start "$@" | sed 's/^/  /'
  startup="$(echo "$(date +%s.%N) - $t0" | bc)"
}
if (( NODES > 1 )); then
  # the cluster's pid files and its PostgreSQL's directory (local_pg_dir) as the launcher names them
  # shellcheck source=launcher/cluster.sh
  source "$ROOT/launcher/cluster.sh"
  alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; } # as ./shaken-pki's
  if "$LAUNCHER" status >/dev/null 2>&1; then
    [[ "$(cat "$DATA/cluster.nodes" 2>/dev/null)" == "$NODES" ]] \
      || die "a server other than a cluster of $NODES nodes runs on $DATA: ./shaken-pki stop first"
  else
    # stopped on exit even when the start fails half-way (PostgreSQL, HAProxy and the first nodes up)
    started_here=true
    trap stop_server EXIT
    start_timed --nodes "$NODES"
  fi
  node_pids=(); pid=""
  for i in $(seq 1 "$NODES"); do
    alive "$(node_pid_file "$i")" || die "node-$i is not running"
    node_pids+=("$(cat "$(node_pid_file "$i")")")
    pid+="${pid:+,}node-$i=${node_pids[-1]}"
  done
  alive "$BALANCER_PID_FILE" || die "HAProxy is not running"
  cluster_props+=(-Dbench.balancer-pid="$(cat "$BALANCER_PID_FILE")")
  if [[ -z "${SHAKEN_PKI_DB_URL:-}" ]]; then # else a database elsewhere, whose CPU this bench cannot see
    pg_pid="$(head -n 1 "$(local_pg_dir)/data/postmaster.pid" 2>/dev/null)" || die "no PostgreSQL pid in $(local_pg_dir)/data"
    cluster_props+=(-Dbench.database-pid="$pg_pid")
  fi
  if [[ -n "$startup" ]]; then
    startup_cpu="$(cpu_seconds "${node_pids[@]}")"
    say "start-up of $NODES nodes to healthy: ${startup} s, the nodes' CPU ${startup_cpu} s"
  fi
elif ! "$LAUNCHER" status >/dev/null 2>&1; then
  # Two timed starts, both on an empty data directory, with a class-data archive directory of their own
  # (./shaken-pki: cds_options): the first, of a build with no archive yet, writes it when it stops; the second,
  # the bench's server, maps it, as every start of an installed build does. Both are reported.
  bench_cds_dir="$(mktemp -d)"; export SHAKEN_PKI_CDS_DIR="$bench_cds_dir"
  first_data="$(mktemp -d)"
  SHAKEN_PKI_DATA="$first_data" start_timed
  startup_first="$startup"
  SHAKEN_PKI_DATA="$first_data" "$LAUNCHER" stop | sed 's/^/  /'
  rm -rf "$first_data"
  say "first start of this build to healthy: ${startup_first} s"
  start_timed
  started_here=true
  startup_cpu="$(cpu_seconds "$(cat "$DATA/server.pid")")"
  say "start-up to healthy: ${startup} s, server CPU ${startup_cpu} s"
fi
trap stop_server EXIT
(( NODES > 1 )) || pid="$(cat "$DATA/server.pid")"

# --- provisioning for signing: as the demo does (STI-CA approved, SP account, SP-KMS user, credential) ---
if [[ "$("$LAUNCHER" kms show "$SPC" | jq -r '.state // empty')" != ACTIVE ]]; then
  say "provisioning an SP-KMS credential for SPC $SPC ..."
  curl -sS --cacert "$DATA/tls/server.pem" "https://localhost:$HTTPS_PORT/sti-ca/root.pem" > "$DATA/sti-ca-root.pem"
  "$LAUNCHER" pa ca-add "$DATA/sti-ca-root.pem" >/dev/null
  if [[ "$("$LAUNCHER" pa account-show local-sp | jq -r '.accountId // empty')" != local-sp ]]; then
    "$LAUNCHER" pa account-create local-sp "Bench Signing Telecom" "$SPC" >/dev/null
  fi
  if [[ ! -s "$DATA/kms/sti-pa.password" ]]; then
    created="$("$LAUNCHER" pa user-create local-sp-kms SP_API local-sp)"
    (umask 077; jq -r .password <<< "$created" > "$DATA/kms/sti-pa.password")
  fi
  if [[ "$("$LAUNCHER" kms show "$SPC" | jq -r '.spc // empty')" == "$SPC" ]]; then
    "$LAUNCHER" kms renew "$SPC" >/dev/null
  else
    "$LAUNCHER" kms create "$SPC" >/dev/null
  fi
  for _ in $(seq 1 120); do
    state="$("$LAUNCHER" kms show "$SPC" | jq -r '.state // empty')"
    [[ "$state" == ACTIVE ]] && break
    [[ "$state" == FAILED ]] && die "the SP-KMS could not get a certificate: $("$LAUNCHER" kms show "$SPC" | jq -r .lastError)"
    sleep 1
  done
  [[ "$state" == ACTIVE ]] || die "no ACTIVE credential after 120 s"
fi

# --- the STI-AS API key the signing runs authenticate with, made once and kept (mode 0600) ------------
if [[ ! -s "$DATA/bench/as.api-key" ]]; then
  mkdir -p "$DATA/bench"
  api_key="$("$LAUNCHER" as key-create bench --spc "$SPC" --max-attest A | jq -r '.apiKey // empty')"
  [[ -n "$api_key" ]] || die "the STI-AS did not create an API key"
  (umask 077; printf '%s\n' "$api_key" > "$DATA/bench/as.api-key")
fi

# --- a private SoftHSM2 token for the raw signing rate ------------------------------------------------
scratch="$(mktemp -d /tmp/shaken-pki-bench.XXXXXX)"
chmod 700 "$scratch"
peer_pids=()
cleanup() {
  local p
  for p in "${peer_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$scratch"
  stop_server
  [[ -n "${bench_cds_dir:-}" ]] && rm -rf "$bench_cds_dir" # a mapped archive stays readable to a kept server
  return 0
}
trap cleanup EXIT
SHAKEN_PKI_HSM_ROLES=bench "$ROOT/hsm-config/create-tokens.sh" "$scratch/hsm" >/dev/null

# --- the peers, on loopback only ---------------------------------------------------------------------
wait_for() { # URL CURL-OPTIONS...: until it answers, 20 s at most
  local url="$1"; shift
  for _ in $(seq 1 100); do curl -sf -o /dev/null "$@" "$url" && return 0; sleep 0.2; done
  die "no answer from $url"
}
# secsipidx: its own P-256 key in a file and its public key given, so that /v1/check fetches no certificate;
# -expire 60 is the STI-VS's iat freshness window (without it, a PASSporT expires after a second).
mkdir -p "$scratch/secsipidx" "$scratch/pebble" "$scratch/wrk"
openssl ecparam -name prime256v1 -genkey -noout -out "$scratch/secsipidx/key.pem" 2>/dev/null
openssl ec -in "$scratch/secsipidx/key.pem" -pubout -out "$scratch/secsipidx/pub.pem" 2>/dev/null
secsipidx -http-srv "127.0.0.1:$SECSIPIDX_PORT" -fprvkey "$scratch/secsipidx/key.pem" \
  -fpubkey "$scratch/secsipidx/pub.pem" -expire 60 >"$scratch/secsipidx/log" 2>&1 &
secsipidx_pid=$!; peer_pids+=("$secsipidx_pid")
wait_for "http://127.0.0.1:$SECSIPIDX_PORT/v1/sign-csv" --data "1,2,A,x,https://localhost/x.pem"
# Pebble: in memory, validation skipped (PEBBLE_VA_ALWAYS_VALID), no random bad nonces, no authorization reuse
# (the STI-CA reuses none either), and a DNS server on a loopback port where nothing answers: it makes no lookup.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "$scratch/pebble/key.pem" -out "$scratch/pebble/cert.pem" 2>/dev/null
cat > "$scratch/pebble/config.json" <<PEBBLE
{"pebble": {"listenAddress": "127.0.0.1:$PEBBLE_PORT", "managementListenAddress": "127.0.0.1:$((PEER_PORT + 2))",
  "certificate": "$scratch/pebble/cert.pem", "privateKey": "$scratch/pebble/key.pem",
  "httpPort": $((PEER_PORT + 3)), "tlsPort": $((PEER_PORT + 4)), "ocspResponderURL": "", "externalAccountBindingRequired": false}}
PEBBLE
PEBBLE_VA_ALWAYS_VALID=1 PEBBLE_VA_NOSLEEP=1 PEBBLE_WFE_NONCEREJECT=0 PEBBLE_AUTHZREUSE=0 \
  pebble -config "$scratch/pebble/config.json" -dnsserver "127.0.0.1:$((PEER_PORT + 5))" >"$scratch/pebble/log" 2>&1 &
pebble_pid=$!; peer_pids+=("$pebble_pid")
wait_for "https://localhost:$PEBBLE_PORT/dir" --cacert "$scratch/pebble/cert.pem"

# --- the driver --------------------------------------------------------------------------------------
say "measuring (machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)) ..."
SOFTHSM2_CONF="$scratch/hsm/softhsm2.conf" java -Xmx512m -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" \
  -Dbench.http="http://127.0.0.1:$HTTP_PORT" -Dbench.https="https://localhost:$HTTPS_PORT" \
  -Dbench.trust-pem="$DATA/tls/server.pem" -Dbench.data="$DATA" -Dbench.pid="$pid" -Dbench.nodes="$NODES" "${cluster_props[@]}" -Dbench.clk-tck="$(getconf CLK_TCK)" \
  -Dbench.c="${BENCH_C:-2}" -Dbench.runs="${BENCH_RUNS:-3}" \
  -Dbench.seconds="${BENCH_SECONDS:-5}" \
  -Dbench.warmup-seconds="${BENCH_WARMUP_SECONDS:-15}" -Dbench.issuance-warmup-seconds="${BENCH_ISSUANCE_WARMUP_SECONDS:-45}" -Dbench.jmh-seconds="${BENCH_JMH_SECONDS:-2}" \
  -Dbench.secsipidx="http://127.0.0.1:$SECSIPIDX_PORT" -Dbench.secsipidx-pid="$secsipidx_pid" \
  -Dbench.pebble="https://localhost:$PEBBLE_PORT/dir" -Dbench.pebble-pid="$pebble_pid" \
  -Dbench.pebble-trust-pem="$scratch/pebble/cert.pem" \
  -Dbench.wrk-script="$ROOT/bench/wrk/requests.lua" -Dbench.scratch="$scratch/wrk" \
  -Dbench.hsm.cfg="$scratch/hsm/sunpkcs11-bench.cfg" -Dbench.hsm.pin-file="$scratch/hsm/bench.pin" \
  -Dbench.only="${BENCH_ONLY:-}" -Dbench.skip-raw="$([[ "${BENCH_SKIP_RAW:-0}" == 1 ]] && echo true || echo false)" -Dbench.startup-s="$startup" -Dbench.startup-first-build-s="${startup_first:-}" -Dbench.startup-cpu-s="$startup_cpu" -Dbench.report="$REPORT" \
  -Dbench.version.app="$(sed -n '0,/<version>/s|.*<version>\(.*\)</version>.*|\1|p' "$ROOT/pom.xml")" \
  -Dbench.version.payara="$(pom_property payara.version)" -Dbench.version.acme4j="$(pom_property acme4j.version)" -Dbench.version.jmh="$(pom_property jmh.version)" \
  -Dbench.version.softhsm="$(softhsm2-util --version 2>/dev/null || echo unknown)" \
  -Dbench.version.wrk="$(dpkg-query -W -f='${Version}' wrk 2>/dev/null || echo unknown)" \
  -Dbench.version.secsipidx="$(secsipidx -version 2>/dev/null | awk '{print $2}')" \
  -Dbench.version.pebble="$(dpkg-query -W -f='${Version}' pebble 2>/dev/null || echo unknown)" \
  org.shakenpki.bench.BenchMain
