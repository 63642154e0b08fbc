#!/bin/sh
# Starts Caddy in the foreground with this recipe's Caddyfile. gatebench runs it as the target's start
# command (it sets GATEBENCH_GATEWAY_PORT and GATEBENCH_BACKEND_HOSTPORT); by hand, export those first.
set -eu
PATH=$PATH:/usr/sbin:/sbin  # Debian installs gateways in /usr/sbin, which a user PATH often omits
GATEBENCH_RECIPE_DIR=$(cd "$(dirname "$0")" && pwd)
: "${GATEBENCH_GATEWAY_PORT:?set GATEBENCH_GATEWAY_PORT, e.g. 9080}"
: "${GATEBENCH_BACKEND_HOSTPORT:?set GATEBENCH_BACKEND_HOSTPORT, e.g. 127.0.0.1:8688}"
: "${GATEBENCH_RUN_DIR:=$(mktemp -d "${TMPDIR:-/tmp}/gatebench-caddy-XXXXXX")}"
# Caddy keeps state under XDG dirs; keep it in the run dir, not in $HOME.
XDG_DATA_HOME=$GATEBENCH_RUN_DIR XDG_CONFIG_HOME=$GATEBENCH_RUN_DIR
export GATEBENCH_RUN_DIR XDG_DATA_HOME XDG_CONFIG_HOME
exec caddy run --adapter caddyfile --config "$GATEBENCH_RECIPE_DIR/Caddyfile"
