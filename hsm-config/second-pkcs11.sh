#!/usr/bin/env bash
# Starts the second, independent PKCS#11 implementation that the key-store contract tests run on besides
# SoftHSM2: tpm2-pkcs11 over the swtpm TPM 2.0 simulator, behind the tpm2-abrmd resource manager on a
# private D-Bus, all in a private directory. (openCryptoki 3.8.1, the Debian 12 version, was tried first:
# its soft token has no EC mechanisms at all, so it cannot hold a P-256 key; see hsm-config/README.md.)
#
#   second-pkcs11.sh [--fresh] [--while PID] DIR
#   second-pkcs11.sh --stop DIR
#
# Installs the Debian packages when run as root (otherwise says which are missing and exits 3), starts
# swtpm, dbus-daemon and tpm2-abrmd unless they already run for DIR, creates a token labelled shaken-kms
# in DIR/store with random PINs, and writes:
#   DIR/kms.pin               the user PIN (mode 0600; the SO PIN is random and not kept)
#   DIR/hsm.properties        sks.kms.* settings for the SKS (library, label, PIN file)
#   DIR/sunpkcs11-kms.cfg     SunPKCS11 configuration for operator tools (from templates/sunpkcs11-tpm2.cfg.template)
#   DIR/env.sh                the environment a JVM needs to reach the token
# and prints that environment on stdout as shell 'export' lines, so that a caller can
#   eval "$(hsm-config/second-pkcs11.sh DIR)"
# (progress messages go to stderr). --fresh first stops the daemons of DIR and deletes it; --while PID
# stops the daemons once process PID has ended (the test command passes its own PID); --stop stops them.
set -euo pipefail

fresh=false stop_only=false watch_pid=""
while [[ $# -gt 1 ]]; do
  case "$1" in
    --fresh) fresh=true; shift ;;
    --stop) stop_only=true; shift ;;
    --while) watch_pid="$2"; shift 2 ;;
    *) break ;;
  esac
done
dir="${1:?usage: second-pkcs11.sh [--fresh] [--while PID] DIR | --stop DIR}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
label=shaken-kms
note() { printf 'second-pkcs11: %s\n' "$*" >&2; }
die() { note "$*"; exit "${2:-1}"; }

# --- daemons of DIR ------------------------------------------------------------------------------

# A daemon is ours when its pid file names a live process whose command line mentions DIR.
running() {
  local pid_file="$dir/run/$1.pid" pid
  [[ -f "$pid_file" ]] || return 1
  pid="$(tr -dc 0-9 < "$pid_file")"
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF "$dir/run/"
}

# Alive and not a zombie (an exited daemon whose parent does not reap it keeps its /proc entry).
alive() { [[ -r "/proc/$1/status" ]] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status"; }

stop_daemons() {
  local name pid
  for name in abrmd dbus swtpm; do
    if running "$name"; then
      pid="$(tr -dc 0-9 < "$dir/run/$name.pid")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 30); do alive "$pid" || break; sleep 0.1; done
    fi
    rm -f "$dir/run/$name.pid"
  done
}

if [[ -d "$dir" ]]; then dir="$(cd "$dir" && pwd)"; fi
if $stop_only; then stop_daemons; exit 0; fi
if $fresh && [[ -d "$dir" ]]; then stop_daemons; rm -rf "$dir"; fi

# --- packages ------------------------------------------------------------------------------------

# Debian package names (bookworm): the simulator, the resource manager and its bus, tpm2-pkcs11 and its
# token tool, the TSS transports both daemons use, and OpenSC's pkcs11-tool for an independent view.
packages=(swtpm tpm2-abrmd dbus libtpm2-pkcs11-1 libtpm2-pkcs11-tools tpm2-tools libtss2-tcti-tabrmd0
          libtss2-tcti-swtpm0 opensc)
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
command -v dpkg-query >/dev/null 2>&1 || die "this script installs Debian packages; on other systems install ${packages[*]}" 3
missing=()
for package in "${packages[@]}"; do installed "$package" || missing+=("$package"); done
if [[ ${#missing[@]} -gt 0 ]]; then
  [[ "$(id -u)" -eq 0 ]] || die "missing packages; install them with: sudo apt-get install -y ${missing[*]}" 3
  note "installing ${missing[*]} ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null
  apt-get -o DPkg::Lock::Timeout=300 install -y -qq "${missing[@]}" >/dev/null
fi
library="$(dpkg-query -L libtpm2-pkcs11-1 | grep -m1 '/pkcs11/libtpm2_pkcs11\.so$')"
abrmd="$(command -v tpm2-abrmd || echo /usr/sbin/tpm2-abrmd)"

# --- the simulator, the bus and the resource manager -----------------------------------------------

mkdir -p "$dir/run" "$dir/tpm" "$dir/store"
chmod 700 "$dir"
dir="$(cd "$dir" && pwd)"
run="$dir/run"
(( ${#run} + 20 < 108 )) || die "DIR is too deep for a Unix socket path (108 bytes): $dir"
bus="unix:path=$run/bus"
tcti="tabrmd:bus_type=session"
export DBUS_SESSION_BUS_ADDRESS="$bus" TPM2TOOLS_TCTI="$tcti" TPM2_PKCS11_TCTI="$tcti" TPM2_PKCS11_STORE="$dir/store"

if ! running swtpm; then
  # startup-clear: swtpm sends TPM2_Startup itself, as a platform's firmware would.
  swtpm socket --tpm2 --daemon --pid "file=$run/swtpm.pid" --tpmstate "dir=$dir/tpm" \
    --server "type=unixio,path=$run/swtpm.sock" --ctrl "type=unixio,path=$run/swtpm.sock.ctrl" \
    --flags startup-clear,not-need-init --log "file=$dir/swtpm.log,level=1"
fi
if ! running dbus; then
  dbus-daemon --session --fork --address="$bus" --print-pid=1 > "$run/dbus.pid"
fi
if ! running abrmd; then
  root_flag=(); [[ "$(id -u)" -ne 0 ]] || root_flag=(--allow-root)
  setsid "$abrmd" --session "${root_flag[@]}" --tcti="swtpm:path=$run/swtpm.sock" --logger=stdout \
    </dev/null >"$dir/abrmd.log" 2>&1 &
  echo $! > "$run/abrmd.pid"
  for _ in $(seq 1 50); do tpm2_getrandom 4 >/dev/null 2>&1 && break; sleep 0.1; done
  tpm2_getrandom 4 >/dev/null 2>&1 || die "tpm2-abrmd did not come up; see $dir/abrmd.log"
fi

if [[ -n "$watch_pid" ]]; then
  # Detached, with no inherited stdout: the caller's $( ) must not wait for it.
  # shellcheck disable=SC2016 # the inner script expands its own arguments
  setsid bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 2; done; exec "$2" --stop "$3"' \
    watch "$watch_pid" "$here/second-pkcs11.sh" "$dir" </dev/null >/dev/null 2>&1 &
fi

# --- the token -------------------------------------------------------------------------------------

random_pin() { head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
pin_file="$dir/kms.pin"
if ! pkcs11-tool --module "$library" -L 2>/dev/null | grep -q "token label *: $label\$"; then
  # A test TPM: a wrong PIN counts against the dictionary-attack lockout as on a real one (the contract tests
  # try one), but 32 tries and a one-second recovery keep repeated runs from locking the simulator.
  tpm2_dictionarylockout --setup-parameters --max-tries=32 --recovery-time=1 --lockout-recovery-time=1 >/dev/null
  (umask 077; random_pin > "$pin_file")
  tpm2_ptool init --path="$dir/store" >/dev/null
  # tpm2_ptool takes PINs only as arguments; these are a test token's, made for this directory.
  tpm2_ptool addtoken --pid=1 --label="$label" --sopin="$(random_pin)" --userpin="$(cat "$pin_file")" \
    --path="$dir/store" >/dev/null
  # The token's first object, never to be deleted: once a token's first object is gone, tpm2-pkcs11 (1.9.0 here;
  # probably upstream issue 931) gives a new object the handle of an existing one. A key pair without a
  # certificate is no entry of SunPKCS11's KeyStore, so the application neither sees nor deletes it.
  tpm2_ptool addkey --label="$label" --key-label=first-object --algorithm=ecc256 --userpin="$(cat "$pin_file")" \
    --path="$dir/store" >/dev/null
  note "created token $label (tpm2-pkcs11 over swtpm) in $dir"
else
  [[ -f "$pin_file" ]] || die "token $label exists but $pin_file is missing"
  note "reusing token $label in $dir"
fi
# "Slot 0 (0x1): shaken-kms": the slot id is the hexadecimal number (tpm2-pkcs11 numbers tokens from 1).
slot_hex="$(pkcs11-tool --module "$library" -L 2>/dev/null | awk -v want="$label" '
  /^Slot [0-9]+ \(0x[0-9a-fA-F]+\)/ { hex = $3; gsub(/[():x]/, "", hex) }
  /token label *:/ { sub(/^.*token label *: */, ""); if ($0 == want) print hex }')"
[[ -n "$slot_hex" ]] || die "token $label is not listed by $library"
slot=$((16#$slot_hex))

cat > "$dir/hsm.properties" <<PROPS
# Written by hsm-config/second-pkcs11.sh: the SKS kms token on tpm2-pkcs11 (MicroProfile Config).
sks.roles=kms
sks.kms.library=$library
sks.kms.label=$label
sks.kms.pin-file=$pin_file
PROPS
sed -e "s|@NAME@|$label|" -e "s|@LIBRARY@|$library|" -e "s|@SLOT@|$slot|" \
  "$here/templates/sunpkcs11-tpm2.cfg.template" > "$dir/sunpkcs11-kms.cfg"
{
  for name in TPM2_PKCS11_STORE TPM2_PKCS11_TCTI DBUS_SESSION_BUS_ADDRESS; do printf 'export %s=%q\n' "$name" "${!name}"; done
  # The TSS logs every refused PIN to stderr; the exception the application gets says it already.
  printf 'export TSS2_LOG=all+NONE\n'
  printf 'export SKS_SECOND_PKCS11_DIR=%q\n' "$dir"
} > "$dir/env.sh"
note "library $library, token $label in slot $slot; settings in $dir/hsm.properties"
cat "$dir/env.sh"
