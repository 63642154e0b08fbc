#!/bin/sh
# Starts HAProxy in the foreground with this recipe's config. gatebench runs it as the target's start
# command (it sets GATEBENCH_GATEWAY_PORT and GATEBENCH_BACKEND_*); by hand, export those first.
set -eu
PATH=$PATH:/usr/sbin:/sbin  # Debian installs gateways in /usr/sbin, which a user PATH often omits
GATEBENCH_RECIPE_DIR=$(cd "$(dirname "$0")" && pwd)
export GATEBENCH_RECIPE_DIR
: "${GATEBENCH_GATEWAY_PORT:?set GATEBENCH_GATEWAY_PORT, e.g. 9080}"
: "${GATEBENCH_BACKEND_HOSTPORT:?set GATEBENCH_BACKEND_HOSTPORT, e.g. 127.0.0.1:8688}"
: "${GATEBENCH_BACKEND_URL:=http://$GATEBENCH_BACKEND_HOSTPORT}"
export GATEBENCH_BACKEND_URL
haproxy -c -q -f "$GATEBENCH_RECIPE_DIR/haproxy.cfg"
exec haproxy -db -f "$GATEBENCH_RECIPE_DIR/haproxy.cfg"
