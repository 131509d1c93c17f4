# shellcheck shell=bash
# Part of ./shaken-pki (sourced): the HTTP call that the admin commands (admin-pa.sh, admin-kms.sh,
# admin-as.sh) and the demo share. Request bodies are built by jq from named values, never by pasting strings;
# secrets (the STI-PA admin password, admin tokens, API keys) reach curl as a config file on its standard input,
# never as a command-line argument, which any local user could read with ps.

# json_body [jq options: --arg NAME VALUE, --argjson NAME JSON ...] FILTER [--args VALUE ...]: the JSON that
# jq -n makes of them, on one line.
json_body() {
  require_commands jq:jq >&2 # inside $(...): an install message must not become the body
  jq -cn "$@"
}

# curl_credential basic|bearer SECRET-FILE: the curl config line (curl -K) that authenticates with the secret in
# the file: HTTP Basic as user admin, or an Authorization: Bearer header.
curl_credential() {
  local kind="$1" secret
  secret="$(<"$2")"
  [[ "$secret" != *[$'\n\r']* ]] || die "$2 holds more than one line"
  secret="${secret//\\/\\\\}"; secret="${secret//\"/\\\"}" # a double-quoted config value's escapes
  case "$kind" in
    basic) printf 'user = "admin:%s"\n' "$secret" ;;
    bearer) printf 'header = "Authorization: Bearer %s"\n' "$secret" ;;
  esac
}

# admin_call basic|bearer SECRET-FILE WHAT METHOD URL [json_body arguments]: one request to an admin API of
# the running server, authenticated with the secret in SECRET-FILE (WHAT names it in errors); with json_body
# arguments, their JSON is the request body. Prints the response and a newline.
admin_call() {
  local kind="$1" secret_file="$2" what="$3" method="$4" url="$5" body="" credential
  shift 5
  running_pid >/dev/null || die "the server is not running: ./shaken-pki start"
  [[ -r "$secret_file" ]] || die "no $what at $secret_file"
  if [[ $# -gt 0 ]]; then body="$(json_body "$@")" || return; fi
  credential="$(curl_credential "$kind" "$secret_file")" || return
  local args=(-sS -w '\n' -X "$method" -H 'Accept: application/json')
  [[ -n "$body" ]] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  curl --config - "${args[@]}" "$url" <<< "$credential"
}
