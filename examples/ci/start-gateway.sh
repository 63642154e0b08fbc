#!/usr/bin/env bash
# Starts the gateway under test as a background service for the CI job: here nginx + njs with the config
# gatebench generates (gateways/nginx/), moved to $GATEWAY_PORT and a backend on $BACKEND_PORT. Replace this
# script with your gateway's own start; the job only needs it listening on 127.0.0.1:$GATEWAY_PORT.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
prefix=${GATEWAY_PREFIX:?set GATEWAY_PREFIX to a writable folder}
mkdir -p "$prefix/logs" "$prefix/temp"
chmod 755 "$prefix"
cp "$root/gateways/nginx/mediation.js" "$prefix/mediation.js"
sed -e "s#/var/lib/gatebench-nginx#$prefix#g" \
    -e "s#listen 127.0.0.1:9080;#listen 127.0.0.1:$GATEWAY_PORT;#" \
    -e "s#server 127.0.0.1:8688;#server 127.0.0.1:$BACKEND_PORT;#" \
    "$root/gateways/nginx/nginx.conf" > "$prefix/nginx.conf"
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
"$nginx_bin" -t -q -p "$prefix/" -c "$prefix/nginx.conf" -e "$prefix/logs/error.log"
"$nginx_bin" -p "$prefix/" -c "$prefix/nginx.conf" -e "$prefix/logs/error.log" > "$prefix/logs/stdout.log" 2>&1 &
for _ in $(seq 1 100); do
  if curl -sf -o /dev/null -X POST -d '{"payload":"x","size":"1B"}' "http://127.0.0.1:$GATEWAY_PORT/echo"; then exit 0; fi
  sleep 0.1
done
echo "the gateway did not answer on 127.0.0.1:$GATEWAY_PORT" >&2
cat "$prefix/logs/error.log" >&2 || true
exit 1
