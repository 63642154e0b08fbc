#!/bin/sh
# Starts Apache httpd in the foreground with this recipe's self-contained config. gatebench runs it as the
# target's start command (it sets GATEBENCH_GATEWAY_PORT and GATEBENCH_BACKEND_*); by hand, export those first.
set -eu
PATH=$PATH:/usr/sbin:/sbin  # Debian installs gateways in /usr/sbin, which a user PATH often omits
GATEBENCH_RECIPE_DIR=$(cd "$(dirname "$0")" && pwd)
: "${GATEBENCH_GATEWAY_PORT:?set GATEBENCH_GATEWAY_PORT, e.g. 9080}"
: "${GATEBENCH_BACKEND_HOSTPORT:?set GATEBENCH_BACKEND_HOSTPORT, e.g. 127.0.0.1:8688}"
: "${GATEBENCH_BACKEND_URL:=http://$GATEBENCH_BACKEND_HOSTPORT}"
GATEBENCH_BACKEND_URL=${GATEBENCH_BACKEND_URL%/}
: "${GATEBENCH_RUN_DIR:=$(mktemp -d "${TMPDIR:-/tmp}/gatebench-apache-XXXXXX")}"
export GATEBENCH_RECIPE_DIR GATEBENCH_BACKEND_URL GATEBENCH_RUN_DIR
APACHE=${APACHE_BINARY:-$(command -v apache2 || command -v httpd || echo /usr/sbin/apache2)}
set --
if [ "$(id -u)" = 0 ]; then set -- -DRUN_AS_ROOT; chmod 755 "$GATEBENCH_RUN_DIR"; fi
# mod_lua loads the filter in the workers, which run as www-data when started as root: they may not be able to
# read the checkout (a clone under a private mktemp folder, a home directory). The run folder is theirs to read.
cp "$GATEBENCH_RECIPE_DIR/mediation.lua" "$GATEBENCH_RUN_DIR/mediation.lua"
chmod 644 "$GATEBENCH_RUN_DIR/mediation.lua"
"$APACHE" -f "$GATEBENCH_RECIPE_DIR/httpd.conf" "$@" -t
exec "$APACHE" -f "$GATEBENCH_RECIPE_DIR/httpd.conf" "$@" -DFOREGROUND
