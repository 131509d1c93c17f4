#!/usr/bin/env bash
# Creates the SoftHSM2 tokens that shaken-pki uses, one per role (pa, ca, kms, and kms-delegate for the SP-KMS's
# delegate CA keys, used when shakenpki.kms.delegate-ca.enabled=true), in a private token
# directory, and writes the configuration that points the application at them.
#
#   create-tokens.sh [--fresh] DIR
#
# Idempotent: a token whose label already exists in DIR is reused, with its PIN file. --fresh first
# deletes DIR (test runs want brand-new tokens).
#
# Writes into DIR:
#   softhsm2.conf          SoftHSM2 configuration; export SOFTHSM2_CONF=DIR/softhsm2.conf before the JVM starts
#   tokens/                the token store
#   <role>.pin             the user PIN of each token (mode 0600)
#   hsm.properties         MicroProfile Config for the SKS (library, label, PIN file per role)
#   sunpkcs11-<role>.cfg   SunPKCS11 configuration of each token, for operator tools such as keytool
#                          (the application builds its own from hsm.properties, resolving the label)
set -euo pipefail

fresh=false
if [[ "${1:-}" == "--fresh" ]]; then fresh=true; shift; fi
dir="${1:?usage: create-tokens.sh [--fresh] DIR}"
roles=(${SHAKEN_PKI_HSM_ROLES:-pa ca kms kms-delegate})
label_prefix="${SHAKEN_PKI_HSM_LABEL_PREFIX:-shaken-}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

find_library() {
  for candidate in "${SOFTHSM2_LIBRARY:-}" /usr/lib/softhsm/libsofthsm2.so \
      /usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so /usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so \
      /usr/local/lib/softhsm/libsofthsm2.so; do
    if [[ -n "$candidate" && -f "$candidate" ]]; then echo "$candidate"; return 0; fi
  done
  return 1
}

if ! command -v softhsm2-util >/dev/null 2>&1 || ! library="$(find_library)"; then
  echo "SoftHSM2 is not installed. Install it with: apt-get install -y softhsm2 opensc" >&2
  exit 3
fi

if $fresh; then rm -rf "$dir"; fi
mkdir -p "$dir/tokens"
chmod 700 "$dir"
dir="$(cd "$dir" && pwd)"

cat > "$dir/softhsm2.conf" <<CONF
directories.tokendir = $dir/tokens
objectstore.backend = file
log.level = ERROR
slots.removable = false
CONF
export SOFTHSM2_CONF="$dir/softhsm2.conf"

# Prints the slot id of the token with the given label, or nothing.
slot_of() {
  softhsm2-util --show-slots 2>/dev/null | awk -v want="$1" '
    /^Slot [0-9]+/ { slot = $2 }
    /^[[:space:]]+Label:/ { sub(/^[[:space:]]+Label:[[:space:]]*/, ""); sub(/[[:space:]]+$/, ""); if ($0 == want) print slot }'
}

props="$dir/hsm.properties"
{
  echo "# Written by hsm-config/create-tokens.sh: SKS token settings (MicroProfile Config)."
  echo "sks.roles=$(IFS=,; echo "${roles[*]}")"
} > "$props.tmp"

for role in "${roles[@]}"; do
  label="${label_prefix}${role}"
  pin_file="$dir/$role.pin"
  slot="$(slot_of "$label")"
  if [[ -z "$slot" ]]; then
    umask 077
    head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$pin_file"
    so_pin="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    softhsm2-util --init-token --free --label "$label" --pin "$(cat "$pin_file")" --so-pin "$so_pin" >/dev/null
    slot="$(slot_of "$label")"
    echo "created token $label in slot $slot"
  else
    [[ -f "$pin_file" ]] || { echo "token $label exists but $pin_file is missing" >&2; exit 4; }
    echo "reusing token $label in slot $slot"
  fi
  chmod 600 "$pin_file"
  {
    echo "sks.$role.library=$library"
    echo "sks.$role.label=$label"
    echo "sks.$role.pin-file=$pin_file"
  } >> "$props.tmp"
  sed -e "s|@NAME@|shaken-$role|" -e "s|@LIBRARY@|$library|" -e "s|@SLOT@|$slot|" \
      "$here/templates/sunpkcs11.cfg.template" > "$dir/sunpkcs11-$role.cfg"
done
mv "$props.tmp" "$props"
