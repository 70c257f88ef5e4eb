#!/usr/bin/env bash
# Makes the files a Grid cluster's silos prove themselves with (README: Run a cluster, Silo TLS):
#   DIR/ca.crt, DIR/ca.key   a CA of the cluster's own (ECDSA P-256, 10 years); keep ca.key offline
#   DIR/tls.crt, DIR/tls.key one certificate every silo presents, signed by that CA (1 year),
#                            for server and client authentication: silos dial each other both ways
# then, for Kubernetes:
#   kubectl -n grid create secret generic grid-cluster-tls --from-file=DIR/tls.crt --from-file=DIR/tls.key --from-file=DIR/ca.crt
# A silo admits any peer whose certificate chains to ca.crt; it checks no host name (silos dial pod
# addresses). To renew, run again with the same CA (CA_DIR=DIR) and restart the silos one by one.
# Usage: k8s/make-cluster-tls.sh DIR [DAYS]
set -euo pipefail
dir=${1:?usage: make-cluster-tls.sh DIR [DAYS]}
days=${2:-365}
ca_dir=${CA_DIR:-$dir}
mkdir -p "$dir"
umask 077
if [[ ! -f "$ca_dir/ca.key" ]]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -noenc -days 3650 \
    -subj "/CN=Grid cluster CA" -keyout "$ca_dir/ca.key" -out "$ca_dir/ca.crt" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
fi
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -noenc -subj "/CN=grid-silo" \
  -keyout "$dir/tls.key" -out "$dir/tls.csr" 2>/dev/null
printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth,clientAuth\n' > "$dir/tls.ext"
openssl x509 -req -in "$dir/tls.csr" -CA "$ca_dir/ca.crt" -CAkey "$ca_dir/ca.key" -set_serial "0x$(openssl rand -hex 16)" \
  -days "$days" -extfile "$dir/tls.ext" -out "$dir/tls.crt" 2>/dev/null
[[ "$ca_dir" == "$dir" ]] || cp "$ca_dir/ca.crt" "$dir/ca.crt"
rm -f "$dir/tls.csr" "$dir/tls.ext"
echo "$dir: tls.crt, tls.key, ca.crt (CA key: $ca_dir/ca.key)"
