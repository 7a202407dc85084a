#!/usr/bin/env bash
# Makes this Debian 12 machine (root) a podman host that docker-compose can drive: podman 4.3 from
# Debian with runc, the cgroupfs cgroup manager and no default ulimits (crun and the default
# ulimits fail in the VMs this was proven on), netavark/aardvark-dns for service names, and
# podman's Docker-compatible API on a socket, and deploy/podman/health-ticker.sh in place of the
# systemd timers that run health checks (systemd is not PID 1 here).
#   deploy/podman/host-setup.sh          install + configure, start the API service
#   deploy/podman/host-setup.sh stop     stop the API service this script started
# Then: export DOCKER_HOST=unix:///run/jobgrid-podman/podman.sock
set -euo pipefail
SOCK_DIR=/run/jobgrid-podman
SOCK="$SOCK_DIR/podman.sock"

# netavark leaves its iptables chains (NETAVARK_*, NETAVARK-HOSTPORT-*) and the jumps to them after
# the last network is removed, and net.ipv4.ip_forward=1: `stop` removes the chains and puts
# ip_forward back as it found it, once no podman container runs.
remove_netavark_firewall() {
    local table rule chain
    for table in filter nat; do
        iptables -t "$table" -S 2>/dev/null | grep -E '^-A [A-Z]+ .*-j NETAVARK' | sed 's/^-A /-D /' \
            | while read -r rule; do eval "iptables -t $table $rule"; done || true  # grep: none left
        for chain in $(iptables -t "$table" -S 2>/dev/null | awk '/^-N NETAVARK/ {print $2}'); do
            iptables -t "$table" -F "$chain"
        done
        for chain in $(iptables -t "$table" -S 2>/dev/null | awk '/^-N NETAVARK/ {print $2}'); do
            iptables -t "$table" -X "$chain"
        done
        # a table left with no rule at all (only accepting base chains) does nothing: drop it too
        if command -v nft >/dev/null && ! iptables -t "$table" -S 2>/dev/null | grep -qv '^-P '; then
            nft delete table ip "$table" 2>/dev/null || true
        fi
    done
}

if [[ "${1:-}" == stop ]]; then
    if [[ -n "$(podman ps -q)" ]]; then
        echo "podman containers still run (podman ps): not stopping" >&2
        exit 1
    fi
    remove_netavark_firewall
    if [[ -f "$SOCK_DIR/ip_forward.orig" ]]; then
        sysctl -qw net.ipv4.ip_forward="$(cat "$SOCK_DIR/ip_forward.orig")"
        rm -f "$SOCK_DIR/ip_forward.orig"
    fi
    for pidfile in "$SOCK_DIR/service.pid" "$SOCK_DIR/health-ticker.pid"; do
        if [[ -f "$pidfile" ]]; then
            kill "$(cat "$pidfile")" 2>/dev/null || true
            rm -f "$pidfile"
        fi
    done
    rm -f "$SOCK"
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive
missing=()
for pkg in podman runc debootstrap netavark aardvark-dns slirp4netns catatonit iptables docker-compose; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]} > 0)); then
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}"
fi

if [[ ! -f /etc/containers/containers.conf ]] || ! grep -q 'jobgrid' /etc/containers/containers.conf; then
    [[ -f /etc/containers/containers.conf ]] && cp /etc/containers/containers.conf /etc/containers/containers.conf.orig
    cat > /etc/containers/containers.conf <<'CONF'
# jobgrid podman proof (deploy/podman): crun and the default ulimits fail on this host
[containers]
default_ulimits = []

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"

[network]
network_backend = "netavark"
CONF
fi

mkdir -p "$SOCK_DIR"
[[ -f "$SOCK_DIR/ip_forward.orig" ]] || sysctl -n net.ipv4.ip_forward > "$SOCK_DIR/ip_forward.orig"
if [[ ! -S "$SOCK" ]]; then
    # --time=0: serve until stopped
    nohup podman system service --time=0 "unix://$SOCK" > "$SOCK_DIR/service.log" 2>&1 &
    echo $! > "$SOCK_DIR/service.pid"
    for _ in $(seq 50); do
        [[ -S "$SOCK" ]] && break
        sleep 0.2
    done
fi
if [[ ! -f "$SOCK_DIR/health-ticker.pid" ]] || ! kill -0 "$(cat "$SOCK_DIR/health-ticker.pid")" 2>/dev/null; then
    nohup "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/health-ticker.sh" > "$SOCK_DIR/health-ticker.log" 2>&1 &
    echo $! > "$SOCK_DIR/health-ticker.pid"
fi
DOCKER_HOST="unix://$SOCK" docker-compose version | head -1
curl -fsS --unix-socket "$SOCK" http://d/version | head -c 200; echo
echo "export DOCKER_HOST=unix://$SOCK"
