#!/usr/bin/env bash
# docker-compose.yml for real, on podman: builds the image from the repository's Dockerfile, starts
# the compose file as written, then, as a user would, through the published REST ports:
#   1. a job through each node, each run in its container (its log names the container's hostname)
#   2. a job that submits a child with the JOBGRID_URL and JOBGRID_TOKEN it was given
#   3. the console service's one-shot form: docker-compose run --rm shell submit -- echo ...
#   4. a crash: SIGKILL of node-2's JVM from the host; `restart: unless-stopped` brings the container
#      back and the node rejoins (podman does not restart a container stopped by `podman kill`,
#      which it counts as stopped by the user, so this is how the restart policy is seen working)
#   5. `podman kill` of node-3's container while it runs jobs (8 of 6 s, for 6 slots): they finish
#      on the other nodes, those it was running in a second attempt
#   6. a job left queued (a constraint no node meets), `docker-compose down`, `up` on the same
#      volume: every record, finished and queued, read back from every node
# Each step's wall time is printed as "TIME step seconds"; the whole set is removed at the end
# (down -v) unless KEEP=1. Needs: deploy/podman/host-setup.sh and deploy/podman/base-images.sh.
#
# Usage: deploy/podman/prove-compose.sh [REPO]    (REPO: a clean clone; default: this repository)
set -euo pipefail
REPO="$(cd "${1:-$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../..}" && pwd)"
export DOCKER_HOST="${DOCKER_HOST:-unix:///run/jobgrid-podman/podman.sock}"
export COMPOSE_PROJECT_NAME="${COMPOSE_PROJECT_NAME:-jobgridproof}"
JOBGRID_TOKEN="${JOBGRID_TOKEN:-$(openssl rand -hex 24)}"
export JOBGRID_TOKEN
PORTS=(8080 8081 8082)
cd "$REPO"

step() { echo; echo "=== $* ($(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))"; }
fail() { echo "FAILED: $*" >&2; docker-compose ps >&2 || true; exit 1; }
now() { date +%s.%N; }
took() { printf 'TIME %s %.1fs\n' "$1" "$(echo "$(now) - $2" | bc)"; }

api() { # PORT PATH [JSON]: the response body; fails on an HTTP error
    local port="$1" path="$2"
    if (($# > 2)); then
        curl -fsS -m 10 -H "Authorization: Bearer $JOBGRID_TOKEN" -H 'Content-Type: application/json' \
            -d "$3" "http://127.0.0.1:$port$path"
    else
        curl -fsS -m 10 -H "Authorization: Bearer $JOBGRID_TOKEN" "http://127.0.0.1:$port$path"
    fi
}
submit() { api "$1" /api/v1/jobs "$2" | jq -er .id; }
field() { api "$1" "/api/v1/jobs/$2" 2>/dev/null | jq -r ".$3" 2>/dev/null || true; }
await() { # SECONDS DESCRIPTION COMMAND...: until the command succeeds
    local until=$(($(date +%s) + $1)) what="$2"
    shift 2
    until "$@"; do
        (($(date +%s) < until)) || fail "not within the time: $what"
        sleep 0.5
    done
}
state_is() { [[ "$(field "$1" "$2" state)" == "$3" ]]; }
container() { podman ps -q --filter "label=com.docker.compose.project=$COMPOSE_PROJECT_NAME" \
    --filter "label=com.docker.compose.service=$1"; }
all_healthy() {
    local s h
    for s in postgres node-1 node-2 node-3; do
        h=$(podman inspect --format '{{.State.Health.Status}}' "$(container "$s")" 2>/dev/null) || return 1
        [[ "$h" == healthy ]] || return 1
    done
    for port in "${PORTS[@]}"; do
        [[ "$(api "$port" /api/v1/nodes 2>/dev/null | jq length 2>/dev/null)" == 3 ]] || return 1
    done
}
up() {
    local t
    t=$(now)
    docker-compose up -d
    await 300 "every service healthy and 3 nodes listed by each" all_healthy
    took "$1" "$t"
}

step "docker-compose build ($REPO at $(git -C "$REPO" log --oneline -1 2>/dev/null || echo '?'))"
t=$(now)
docker-compose build
took build "$t"

step "docker-compose up -d (until healthy)"
up up-1
for s in postgres node-1 node-2 node-3; do
    echo "$s: networks $(podman inspect --format '{{range $n, $_ := .NetworkSettings.Networks}}{{$n}} {{end}}' "$(container "$s")")"
done
echo "names seen from node-1: $(podman exec "$(container node-1)" getent hosts postgres node-2 node-3 | tr '\n' ' ')"

step "1. a job through each node"
t=$(now)
ids=()
for port in "${PORTS[@]}"; do
    # shellcheck disable=SC2016  # expanded by the job's shell, in its container
    ids+=("$(submit "$port" '{"shell":"echo hello from $(hostname)"}')")
done
for id in "${ids[@]}"; do
    await 60 "$id SUCCEEDED" state_is 8080 "$id" SUCCEEDED
    node=$(field 8080 "$id" node)
    log=$(api 8080 "/api/v1/jobs/$id/logs")
    [[ "$log" == *"hello from $node"* ]] || fail "$id ran on $node but logged: $log"
    echo "$id ran on $node: $log"
done
took jobs-per-node "$t"

step "2. a job submits a child through JOBGRID_URL with JOBGRID_TOKEN"
t=$(now)
# shellcheck disable=SC2016  # expanded by the job's shell
parent=$(submit 8081 '{"shell":"curl -fsS -X POST -H \"Authorization: Bearer $JOBGRID_TOKEN\" -H \"Content-Type: application/json\" -d \"{\\\"shell\\\":\\\"echo child\\\"}\" \"$JOBGRID_URL/api/v1/jobs\""}')
await 60 "$parent SUCCEEDED" state_is 8081 "$parent" SUCCEEDED
child=$(api 8081 "/api/v1/jobs/$parent/logs" | grep -oE '"id" *: *"[0-9A-Z]{13}"' | grep -oE '[0-9A-Z]{13}' | head -1)
[[ -n "$child" ]] || fail "no child id in the parent's output"
await 60 "child $child SUCCEEDED" state_is 8082 "$child" SUCCEEDED
ids+=("$parent" "$child")
echo "parent $parent, child $child"
took child-job "$t"

step "3. the console service: docker-compose run --rm shell submit -- echo from-the-console"
t=$(now)
# script(1) gives the console the terminal that `tty: true` asks for, as a user's would
script -qec "docker-compose run --rm shell submit -- echo from-the-console" /dev/null </dev/null | tee /tmp/jobgridproof-console.log
console=$(sed 's/\x1b\[[0-9;]*m//g' /tmp/jobgridproof-console.log | grep -oE '\b[0-9A-Z]{13}\b' | head -1)
[[ -n "$console" ]] || fail "no job id in the console's output"
await 60 "console job $console SUCCEEDED" state_is 8080 "$console" SUCCEEDED
ids+=("$console")
took console "$t"

step "4. SIGKILL of node-2's JVM (a crash): the restart policy brings it back"
t=$(now)
cid=$(podman inspect --format '{{.Id}}' "$(container node-2)")
restarts=$(podman inspect --format '{{.RestartCount}}' "$cid")
jvm=""
for pid in $(pgrep -x java); do
    grep -q "$cid" "/proc/$pid/cgroup" 2>/dev/null && jvm="$pid"
done
[[ -n "$jvm" ]] || fail "no JVM found in node-2's container $cid"
kill -KILL "$jvm"
echo "killed pid $jvm (node-2's JVM)"
restarted() { (($(podman inspect --format '{{.RestartCount}}' "$cid") > restarts)); }
await 60 "node-2's container restarted by its restart policy" restarted
await 300 "node-2 healthy again and every node listing 3" all_healthy
echo "node-2 restarted (restart count $(podman inspect --format '{{.RestartCount}}' "$cid")) and rejoined"
took crash-restart "$t"

step "5. podman kill of node-3 while it runs jobs"
t=$(now)
victim=()
# more jobs than the 6 slots of the 3 nodes: node-3 gets some whichever node claims first (with 4,
# node-1 and node-2 once took them all and node-3 ran none)
for _ in 1 2 3 4 5 6 7 8; do
    victim+=("$(submit 8082 '{"shell":"sleep 12","timeoutSeconds":120}')")
done
running_on_node3() {
    local id
    for id in "${victim[@]}"; do
        [[ "$(field 8080 "$id" node)/$(field 8080 "$id" state)" == node-3/RUNNING ]] && return 0
    done
    return 1
}
await 30 "a job RUNNING on node-3" running_on_node3
# killed as soon as one is seen running there
podman kill "$(container node-3)"
killed=$(date +%s.%N)
echo "killed node-3"
recovered=0
for id in "${victim[@]}"; do
    await 120 "$id SUCCEEDED without node-3" state_is 8080 "$id" SUCCEEDED
    node=$(field 8080 "$id" node)
    attempt=$(field 8080 "$id" attempt)
    finished=$(date -d "$(field 8080 "$id" finishedAt)" +%s.%N)
    if [[ "$node" == node-3 ]]; then
        # finished there before the kill: a record of node-3 that ends after it would be a lie
        (($(echo "$finished < $killed" | bc))) || fail "$id is recorded as finished on node-3 after node-3 was killed"
    elif ((attempt >= 2)); then
        recovered=$((recovered + 1))
        echo "$id: attempt $attempt on $node (its attempt 1 died with node-3)"
    fi
done
((recovered > 0)) || fail "no job of node-3 was run again: none was running there when it was killed"
ids+=("${victim[@]}")
took kill-node "$t"
echo "node-3 after the kill: $(podman ps -a --filter "label=com.docker.compose.service=node-3" --format '{{.Status}}')"

step "6. a queued job, then docker-compose down and up on the same volume"
waiting=$(submit 8081 '{"shell":"echo never","constraints":{"zone":"nowhere"}}')
state_is 8080 "$waiting" QUEUED || fail "$waiting is $(field 8080 "$waiting" state), not QUEUED"
docker-compose logs --no-color > "${LOGS:-/tmp}/jobgridproof-logs-1.txt" 2>&1 || true
t=$(now)
docker-compose down
took down "$t"
up up-2
t=$(now)
for port in "${PORTS[@]}"; do
    for id in "${ids[@]}"; do
        [[ "$(field "$port" "$id" state)" == SUCCEEDED ]] || fail "$id read from :$port after the restart: $(api "$port" "/api/v1/jobs/$id" || true)"
    done
    [[ "$(field "$port" "$waiting" state)" == QUEUED ]] || fail "the queued $waiting read from :$port: $(field "$port" "$waiting" state)"
done
echo "every record (${#ids[@]} finished, 1 queued) read from each of the 3 nodes"
took records-after-restart "$t"

docker-compose logs --no-color > "${LOGS:-/tmp}/jobgridproof-logs-2.txt" 2>&1 || true
if [[ "${KEEP:-0}" != 1 ]]; then
    step "docker-compose down -v"
    t=$(now)
    docker-compose down -v
    took down-v "$t"
fi
echo "PROOF PASSED"
