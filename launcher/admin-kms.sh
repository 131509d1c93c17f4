# shellcheck shell=bash
# shellcheck disable=SC2016 # the single-quoted $names are jq's
# Part of ./shaken-pki (sourced): SP-KMS credentials (./shaken-pki kms ...), over the admin API with the bearer
# token the SP-KMS wrote at first start (data/kms/admin.token).

# kms_call METHOD PATH [json_body arguments]: PATH below /kms/v1/credentials ("" or "/SPC...").
kms_call() {
  local method="$1" path="$2"; shift 2
  admin_call bearer "$DATA/kms/admin.token" "SP-KMS admin token" "$method" "http://$BIND:$HTTP_PORT/kms/v1/credentials$path" "$@"
}

# create SPC [--acme URL] [--fingerprint jwk-thumbprint|spki] [--response-key tkauth|atc|ATC] [--profile NAME]
# [--claim-constraints JSON]: the body holds the options given, and only those.
kms_create() {
  local fields=(--arg spc "${1:?SPC}"); shift
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --acme) fields+=(--arg acmeDirectory "${2:?URL}"); shift 2 ;;
      --fingerprint) fields+=(--arg fingerprint "${2:?jwk-thumbprint|spki}"); shift 2 ;;
      --response-key) fields+=(--arg challengeResponseKey "${2:?tkauth|atc|ATC}"); shift 2 ;;
      --claim-constraints) fields+=(--argjson jwtClaimConstraints "${2:?JSON}"); shift 2 ;;
      --profile) fields+=(--arg profile "${2:?PROFILE}"); shift 2 ;;
      *) die "unknown option $1" ;;
    esac
  done
  kms_call POST "" "${fields[@]}" '$ARGS.named'
}

# delegate_call METHOD PATH [json_body arguments]: PATH below /kms/v1/delegates ("" or "/SPC...").
delegate_call() {
  local method="$1" path="$2"; shift 2
  admin_call bearer "$DATA/kms/admin.token" "SP-KMS admin token" "$method" "http://$BIND:$HTTP_PORT/kms/v1/delegates$path" "$@"
}

# delegate_numbers ARGS...: reads --range START COUNT and --tn NUMBER into the JSON arrays DELEGATE_RANGES and
# DELEGATE_TNS; other options are left in DELEGATE_REST.
delegate_numbers() {
  DELEGATE_RANGES='[]' DELEGATE_TNS='[]' DELEGATE_REST=()
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --range)
        [[ "${3:-}" =~ ^[0-9]+$ ]] || die "--range START COUNT: COUNT is a whole number"
        DELEGATE_RANGES="$(jq -c --arg start "${2:?START}" --argjson count "$3" '. + [{$start, $count}]' <<< "$DELEGATE_RANGES")"
        shift 3 ;;
      --tn) DELEGATE_TNS="$(jq -c --arg tn "${2:?NUMBER}" '. + [$tn]' <<< "$DELEGATE_TNS")"; shift 2 ;;
      *) DELEGATE_REST+=("$1"); shift ;;
    esac
  done
}

# delegate create SPC (--range START COUNT | --tn NUMBER)...: the delegate CA of SPC, for those numbers.
delegate_create() {
  local spc="${1:?SPC}"; shift
  delegate_numbers "$@"
  [[ ${#DELEGATE_REST[@]} -eq 0 ]] || die "unknown option ${DELEGATE_REST[0]}"
  delegate_call POST "" --arg spc "$spc" --argjson ranges "$DELEGATE_RANGES" --argjson numbers "$DELEGATE_TNS" \
    '{$spc, $ranges, $numbers}'
}

# delegate issue SPC CSR.pem HOLDER (--range START COUNT | --tn NUMBER)... [--country CC] [--days N]
delegate_issue() {
  local spc="${1:?SPC}" csr holder="${3:?HOLDER (the enterprise or reseller)}" country=null days=null
  csr="$(pem_text "${2:?CSR.pem}")" || return
  shift 3
  delegate_numbers "$@"
  set -- "${DELEGATE_REST[@]}"
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --country) country="$(jq -cn --arg c "${2:?CC}" '$c')"; shift 2 ;;
      --days) [[ "${2:-}" =~ ^[0-9]+$ ]] || die "--days N"; days="$2"; shift 2 ;;
      *) die "unknown option $1" ;;
    esac
  done
  delegate_call POST "/$spc/certificates" --arg csr "$csr" --arg holder "$holder" --argjson country "$country" \
    --argjson validityDays "$days" --argjson ranges "$DELEGATE_RANGES" --argjson numbers "$DELEGATE_TNS" \
    '{$csr, $holder, $country, $validityDays, $ranges, $numbers}'
}

cmd_kms_delegate() {
  local command="${1:-help}"; shift || true
  case "$command" in
    create) delegate_create "$@" ;;
    list) delegate_call GET "" ;;
    show) delegate_call GET "/${1:?SPC}" ;;
    issue) delegate_issue "$@" ;;
    revoke) delegate_call POST "/${1:?SPC}/certificates/${2:?SERIAL}/revoke" --arg reason "${3:-unspecified}" '{$reason}' ;;
    *) cat <<'USAGE'
./shaken-pki kms delegate create SPC (--range START COUNT | --tn NUMBER)...
                                            a delegate CA certificate for SPC (ca:true token; the STI-PA account must
                                            be allowed them: ./shaken-pki pa account-ca-allow), for these numbers
./shaken-pki kms delegate list | show SPC
./shaken-pki kms delegate issue SPC CSR.pem HOLDER (--range START COUNT | --tn NUMBER)... [--country CC] [--days N]
                                            an end-entity certificate for an enterprise or reseller, from its CSR
./shaken-pki kms delegate revoke SPC SERIAL [REASON]   revoke it and report it to the STI-PA CRL
USAGE
      ;;
  esac
}

cmd_kms() {
  local command="${1:-help}"; shift || true
  case "$command" in
    delegate) cmd_kms_delegate "$@" ;;
    create) kms_create "$@" ;;
    list) kms_call GET "" ;;
    show) kms_call GET "/${1:?SPC}" ;;
    renew)
      if [[ "${2:-}" == --at ]]; then kms_call POST "/${1:?SPC}/renew" --arg at "${3:?RFC 3339 time}" '{$at}'
      else kms_call POST "/${1:?SPC}/renew"; fi ;;
    revoke) kms_call POST "/${1:?SPC}/revoke" --arg reason "${2:-unspecified}" '{$reason}' ;;
    *) cat <<'USAGE'
./shaken-pki kms create SPC [--acme DIRECTORY-URL] [--fingerprint jwk-thumbprint|spki] [--response-key tkauth|atc] [--profile NAME]
                           [--claim-constraints '{"mustInclude":["rcd"],"permittedValues":{"rcd":["{\"nam\":\"Bank\"}"]}}']
./shaken-pki kms list | show SPC
./shaken-pki kms renew SPC                 new key and certificate now
./shaken-pki kms renew SPC --at TIME       leave the renewal to the SP-KMS timer's first round after TIME (2026-12-01T02:00:00Z)
./shaken-pki kms revoke SPC [REASON]       revoke at the STI-CA (keyCompromise, superseded, ...)
./shaken-pki kms delegate ...              delegate certificates for telephone numbers (RFC 9060): see kms delegate help
USAGE
      ;;
  esac
}
