#!/usr/bin/env bash
# podman 4.3 runs a container's health check from a systemd timer; where systemd is not PID 1 (this
# machine, most CI containers) the timer cannot be made ("unable to get systemd connection to add
# healthchecks") and every health status stays "starting", so docker-compose's
# `condition: service_healthy` never holds. This loop is the timer: every INTERVAL seconds (default 5,
# the interval of every check in docker-compose.yml) it runs `podman healthcheck run` for each
# running container that has a health check; podman itself applies retries and start_period.
set -uo pipefail
INTERVAL="${INTERVAL:-5}"
while :; do
    for id in $(podman ps -q --filter health=starting) $(podman ps -q --filter health=healthy) \
        $(podman ps -q --filter health=unhealthy); do
        podman healthcheck run "$id" >/dev/null 2>&1 &
    done
    wait
    sleep "$INTERVAL"
done
