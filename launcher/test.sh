# shellcheck shell=bash
# Part of ./shaken-pki (sourced): the test command, every suite in turn (cmd_test), and its throw-away PostgreSQL.

# The tests' PostgreSQL: a throw-away cluster, stopped and deleted on exit.
PG_PORT="${SHAKEN_PKI_TEST_PG_PORT:-55432}"
start_test_postgres() {
  PG_DIR="$(mktemp -d /tmp/shaken-pki-pg.XXXXXX)"
  pg_start "$PG_DIR" "$PG_PORT"
  trap 'stop_test_postgres' EXIT
  say "PostgreSQL for the tests on 127.0.0.1:$PG_PORT ($PG_DIR)"
}
stop_test_postgres() {
  [[ -n "${PG_DIR:-}" ]] && pg_stop "$PG_DIR"
  [[ -n "${PG_DIR:-}" ]] && rm -rf "$PG_DIR"
}

# The phases run so far: name, seconds, result (passed, FAILED (exit N)), for the summary table.
PHASE_NAMES=()
PHASE_SECONDS=()
PHASE_RESULTS=()

# phase NAME DETAIL COMMAND...: one phase of the test command, timed, in a subshell that stops at its first
# failing command (as the whole command did before it was split into phases); the first failing phase ends the
# test command with that phase's exit code, after the summary.
phase() {
  local name="$1" detail="$2" started=$SECONDS rc=0
  shift 2
  say "== $name${detail:+: $detail}"
  set +e
  ( set -e; "$@" )
  rc=$?
  set -e
  phase_done "$name" "$((SECONDS - started))" "$rc"
}

# phase_done NAME SECONDS EXIT-CODE: records a phase, says how it ended, and on failure ends the test command.
phase_done() {
  local result=passed
  (( $3 == 0 )) || result="FAILED (exit $3)"
  PHASE_NAMES+=("$1")
  PHASE_SECONDS+=("$2")
  PHASE_RESULTS+=("$result")
  say "== $1: $result after $(duration "$2")"
  if (( $3 != 0 )); then
    test_summary
    exit "$3"
  fi
}

duration() { printf '%dm%02ds' "$(($1 / 60))" "$(($1 % 60))"; }

# The summary table: every phase with its time and result, the phases after a failure as not run.
TEST_PHASES=("a second PKCS#11 library" "unit and integration tests (H2)" "integration tests on PostgreSQL"
  "two nodes behind HAProxy" "the roles on two servers" "the EAR on Payara Server" "the demo flow")
test_summary() {
  local i total=0
  say ""
  printf '%-36s %9s  %s\n' "phase" "time" "result"
  for i in "${!TEST_PHASES[@]}"; do
    if (( i < ${#PHASE_NAMES[@]} )); then
      printf '%-36s %9s  %s\n' "${TEST_PHASES[$i]}" "$(duration "${PHASE_SECONDS[$i]}")" "${PHASE_RESULTS[$i]}"
      total=$((total + PHASE_SECONDS[i]))
    else
      printf '%-36s %9s  %s\n' "${TEST_PHASES[$i]}" "-" "not run"
    fi
  done
  printf '%-36s %9s\n' "total" "$(duration "$total")"
}

cmd_test() {
  require_runtime
  # certbot: StiCaIT registers with it, with and without External Account Binding (docs/interop.md);
  # chromium and its driver: ConsoleIT drives the console in a headless browser
  require_commands jq:jq /usr/lib/postgresql:postgresql haproxy:haproxy secsipidx:secsipidx certbot:certbot \
    chromium:chromium chromedriver:chromium-driver
  cd "$ROOT"
  local started=$SECONDS second rc=0
  say "== ${TEST_PHASES[0]}: tpm2-pkcs11 over the swtpm simulator"
  # in this shell, not a subshell: the environment it prints is for every later phase
  second="$("$ROOT/hsm-config/second-pkcs11.sh" --fresh --while $$ "$ROOT/ejb-module/target/second-pkcs11")" || rc=$?
  (( rc == 0 )) && eval "$second"
  phase_done "${TEST_PHASES[0]}" "$((SECONDS - started))" "$rc"
  export MAVEN_OPTS="${MAVEN_OPTS:-} -Dsks.second-pkcs11=required"
  phase "${TEST_PHASES[1]}" "embedded default: H2, SoftHSM2, Payara Micro" mvn -B verify
  # the database outlives the phase (stopped on exit), so it is started in this shell
  start_test_postgres
  phase "${TEST_PHASES[2]}" "" \
    mvn -B verify -pl web-module -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.expected.db=PostgreSQL \
    -Dit.jvm.options="-Dmp.config.profile=pg -Dshakenpki.db.url=jdbc:postgresql://127.0.0.1:$PG_PORT/shakenpki -Dshakenpki.db.user=shakenpki"
  phase "${TEST_PHASES[3]}" "two Payara Micro nodes on PostgreSQL, started by 'start --nodes 2' (web-module, profile cluster-it)" \
    mvn -B verify -pl web-module -am -Pcluster-it -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
  phase "${TEST_PHASES[4]}" "STI-PA, STI-CA, STI-CR on one, SP-KMS, STI-AS, STI-VS on the other (web-module, profile roles-it)" \
    mvn -B verify -pl web-module -am -Proles-it -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
  phase "${TEST_PHASES[5]}" "with PostgreSQL (ear-module, profile ear-it: its own domain on port base 30000)" test_ear
  phase "${TEST_PHASES[6]}" "end to end through the launcher" test_demo
  test_summary
}

test_ear() {
  # Its own, empty database: the test reads the STI-PA's first-start passwords, which an earlier run's rows would outlive.
  "${PG_CREATEDB[@]}" shakenpki_ear
  mvn -B verify -pl ear-module -am -Pear-it -DskipTests \
    -Dear-it.db.url="jdbc:postgresql://127.0.0.1:$PG_PORT/shakenpki_ear" -Dear-it.db.user=shakenpki
}

test_demo() {
  local demo_data; demo_data="$(mktemp -d /tmp/shaken-pki-demo.XXXXXX)"
  SHAKEN_PKI_DATA="$demo_data" SHAKEN_PKI_HTTP_PORT=18090 SHAKEN_PKI_HTTPS_PORT=18453 "$ROOT/shaken-pki" demo \
    || { SHAKEN_PKI_DATA="$demo_data" SHAKEN_PKI_HTTP_PORT=18090 "$ROOT/shaken-pki" stop; die "the demo failed"; }
  SHAKEN_PKI_DATA="$demo_data" SHAKEN_PKI_HTTP_PORT=18090 "$ROOT/shaken-pki" stop
  rm -rf "$demo_data"
}
