#!/usr/bin/env bash
# Creates the local TLS key and certificate of the embedded server (and of test servers):
#
#   create-tls-keystore.sh DIR
#
# DIR/keystore.p12 (alias shaken-tls, EC P-256, subjectAltName localhost and 127.0.0.1), its random
# password in DIR/keystore.pass, and the certificate in DIR/server.pem for clients to trust.
# Idempotent: an existing keystore is kept. Production servers use a certificate from a public or
# corporate CA instead (see docs/deployment notes in README.md).
set -euo pipefail
dir="${1:?usage: create-tls-keystore.sh DIR}"
alias=shaken-tls
mkdir -p "$dir"
keystore="$dir/keystore.p12" password_file="$dir/keystore.pass"
[[ -f "$keystore" ]] && exit 0
# TLS_KEYSTORE_PASSWORD lets a test build choose the password; otherwise it is random.
(umask 077; printf '%s' "${TLS_KEYSTORE_PASSWORD:-$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')}" > "$password_file")
# openssl rather than keytool: the same key and certificate without two JVM starts (0.7 s of every first start).
# The key exists only inside the PKCS#12 file; the PEM written on the way is removed.
key="$dir/.key.pem"
trap 'rm -f "$key"' EXIT
(umask 077
 openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 825 \
   -subj "/O=shaken-pki local/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
   -addext "basicConstraints=critical,CA:FALSE" -addext "extendedKeyUsage=serverAuth" \
   -keyout "$key" -out "$dir/server.pem" 2>/dev/null
 # PBES2 with AES-256 and an HMAC-SHA256 MAC, OpenSSL 3's default, which the JDK reads since 11.0.12
 openssl pkcs12 -export -name "$alias" -inkey "$key" -in "$dir/server.pem" -out "$keystore" \
   -passout "file:$password_file")
chmod 600 "$keystore"
chmod 644 "$dir/server.pem" # the certificate is public: clients read it to trust the server
echo "created a TLS certificate for localhost and 127.0.0.1: $dir/server.pem"
