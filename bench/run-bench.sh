#!/usr/bin/env bash
# ./shaken-pki bench: measures issuance, signing and verification of the embedded server against the raw
# HSM and JCA rates, start-up time and memory; prints a table and writes bench-report.json at the top level.
#
# Starts the server when it is not running (and stops it again at the end unless BENCH_KEEP_SERVER=1; a server
# started elsewhere must allow x5u URLs on its HTTPS port: shakenpki.vs.allowed-ports),
# provisions what the measurements need (STI-PA account, API users, an ACTIVE SP-KMS credential, an STI-AS API
# key), makes a private SoftHSM2 token for the raw signing rate, then runs the Java driver (bench/src/main/java).
#
# Settings (environment): BENCH_N (issuances per run, 30), BENCH_C (concurrent clients, 2), BENCH_RUNS (3),
# BENCH_SECONDS (per signing/verification run, 5), BENCH_WARMUP_ISSUANCES (60), BENCH_WARMUP_SECONDS (4),
# BENCH_JMH_SECONDS (per JMH iteration, 2), BENCH_SKIP_RAW=1 (no JMH, for profiling runs), BENCH_REPORT (bench-report.json), plus the launcher's
# SHAKEN_PKI_DATA, SHAKEN_PKI_HTTP_PORT, SHAKEN_PKI_HTTPS_PORT and SHAKEN_PKI_JAVA_OPTS.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LAUNCHER="$ROOT/shaken-pki"
DATA="${SHAKEN_PKI_DATA:-$ROOT/data}"
HTTP_PORT="${SHAKEN_PKI_HTTP_PORT:-8080}"
HTTPS_PORT="${SHAKEN_PKI_HTTPS_PORT:-8443}"
SPC=1234
REPORT="${BENCH_REPORT:-$ROOT/bench-report.json}"

say() { printf 'bench: %s\n' "$*"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
pom_property() { sed -n "s|.*<$1>\(.*\)</$1>.*|\1|p" "$ROOT/pom.xml" | head -n 1; }

command -v jq >/dev/null || die "jq is missing: apt-get install -y jq"

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
started_here=false
if ! "$LAUNCHER" status >/dev/null 2>&1; then
  t0="$(date +%s.%N)"
  # The STI-VS accepts x5u URLs on the standard ports only; the bench's server publishes on its own port.
  SHAKEN_PKI_JAVA_OPTS="${SHAKEN_PKI_JAVA_OPTS:-} -Dshakenpki.vs.allowed-ports=443,8443,$HTTPS_PORT" \
    "$LAUNCHER" start | sed 's/^/  /'
  startup="$(echo "$(date +%s.%N) - $t0" | bc)"
  started_here=true
  say "start-up to healthy: ${startup} s"
fi
stop_server() { if $started_here && [[ "${BENCH_KEEP_SERVER:-0}" != 1 ]]; then "$LAUNCHER" stop | sed 's/^/  /'; fi; }
trap stop_server EXIT
pid="$(cat "$DATA/server.pid")"

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
trap 'rm -rf "$scratch"; stop_server' EXIT
SHAKEN_PKI_HSM_ROLES=bench "$ROOT/hsm-config/create-tokens.sh" "$scratch/hsm" >/dev/null

# --- the driver --------------------------------------------------------------------------------------
say "measuring (machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)) ..."
SOFTHSM2_CONF="$scratch/hsm/softhsm2.conf" java -Xmx512m -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" \
  -Dbench.http="http://127.0.0.1:$HTTP_PORT" -Dbench.https="https://localhost:$HTTPS_PORT" \
  -Dbench.trust-pem="$DATA/tls/server.pem" -Dbench.data="$DATA" -Dbench.pid="$pid" -Dbench.clk-tck="$(getconf CLK_TCK)" \
  -Dbench.n="${BENCH_N:-30}" -Dbench.c="${BENCH_C:-2}" -Dbench.runs="${BENCH_RUNS:-3}" \
  -Dbench.seconds="${BENCH_SECONDS:-5}" -Dbench.warmup-issuances="${BENCH_WARMUP_ISSUANCES:-60}" \
  -Dbench.warmup-seconds="${BENCH_WARMUP_SECONDS:-4}" -Dbench.jmh-seconds="${BENCH_JMH_SECONDS:-2}" \
  -Dbench.hsm.cfg="$scratch/hsm/sunpkcs11-bench.cfg" -Dbench.hsm.pin-file="$scratch/hsm/bench.pin" \
  -Dbench.skip-raw="$([[ "${BENCH_SKIP_RAW:-0}" == 1 ]] && echo true || echo false)" -Dbench.startup-s="$startup" -Dbench.report="$REPORT" \
  -Dbench.version.app="$(sed -n '0,/<version>/s|.*<version>\(.*\)</version>.*|\1|p' "$ROOT/pom.xml")" \
  -Dbench.version.payara="$(pom_property payara.version)" -Dbench.version.acme4j="$(pom_property acme4j.version)" -Dbench.version.jmh="$(pom_property jmh.version)" \
  -Dbench.version.softhsm="$(softhsm2-util --version 2>/dev/null || echo unknown)" \
  org.shakenpki.bench.BenchMain
