# shellcheck shell=bash
# shellcheck disable=SC2016 # the single-quoted $names are jq's
# Part of ./shaken-pki (sourced): SP-KMS credentials (./shaken-pki kms ...), over the admin API with the bearer
# token the SP-KMS wrote at first start (data/kms/admin.token).

# kms_call METHOD PATH [json_body arguments]: PATH below /kms/v1/credentials ("" or "/SPC...").
kms_call() {
  local method="$1" path="$2"; shift 2
  admin_call bearer "$DATA/kms/admin.token" "SP-KMS admin token" "$method" "http://$BIND:$HTTP_PORT/kms/v1/credentials$path" "$@"
}

# create SPC [--acme URL] [--fingerprint jwk-thumbprint|spki] [--response-key tkauth|atc|ATC] [--profile NAME]: the body holds
# the options given, and only those.
kms_create() {
  local fields=(--arg spc "${1:?SPC}"); shift
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --acme) fields+=(--arg acmeDirectory "${2:?URL}"); shift 2 ;;
      --fingerprint) fields+=(--arg fingerprint "${2:?jwk-thumbprint|spki}"); shift 2 ;;
      --response-key) fields+=(--arg challengeResponseKey "${2:?tkauth|atc|ATC}"); shift 2 ;;
      --profile) fields+=(--arg profile "${2:?PROFILE}"); shift 2 ;;
      *) die "unknown option $1" ;;
    esac
  done
  kms_call POST "" "${fields[@]}" '$ARGS.named'
}

cmd_kms() {
  local command="${1:-help}"; shift || true
  case "$command" in
    create) kms_create "$@" ;;
    list) kms_call GET "" ;;
    show) kms_call GET "/${1:?SPC}" ;;
    renew)
      if [[ "${2:-}" == --at ]]; then kms_call POST "/${1:?SPC}/renew" --arg at "${3:?RFC 3339 time}" '{$at}'
      else kms_call POST "/${1:?SPC}/renew"; fi ;;
    revoke) kms_call POST "/${1:?SPC}/revoke" --arg reason "${2:-unspecified}" '{$reason}' ;;
    *) cat <<'USAGE'
./shaken-pki kms create SPC [--acme DIRECTORY-URL] [--fingerprint jwk-thumbprint|spki] [--response-key tkauth|atc] [--profile NAME]
./shaken-pki kms list | show SPC
./shaken-pki kms renew SPC                 new key and certificate now
./shaken-pki kms renew SPC --at TIME       leave the renewal to the SP-KMS timer's first round after TIME (2026-12-01T02:00:00Z)
./shaken-pki kms revoke SPC [REASON]       revoke at the STI-CA (keyCompromise, superseded, ...)
USAGE
      ;;
  esac
}
