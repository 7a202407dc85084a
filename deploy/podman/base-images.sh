#!/usr/bin/env bash
# Builds, from Debian bookworm packages, the three base images that Dockerfile and
# docker-compose.yml start from, for a machine that reaches a Debian mirror but no container
# registry. Each is tagged with the exact name the project's files use, so that `podman build` and
# `docker-compose up` find it locally and pull nothing:
#   docker.io/library/maven:3.9-eclipse-temurin-17  (build stage: Debian's OpenJDK 17 JDK and Maven)
#   docker.io/library/eclipse-temurin:17-jre        (runtime stage: Debian's OpenJDK 17 JRE and curl)
#   docker.io/library/postgres:16                   (Debian's PostgreSQL 15 behind an entrypoint that
#                                                    honours the postgres image's POSTGRES_* variables)
# They stand in for the real images: same names and the same contract (java/mvn on the PATH,
# JAVA_HOME, curl; POSTGRES_USER/PASSWORD/DB, the data volume, pg_isready), not the same bits.
#
# Usage (root, podman configured by deploy/podman/host-setup.sh): deploy/podman/base-images.sh
# Env: DEBIAN_MIRROR (default http://deb.debian.org/debian), WORK (default /var/tmp/jobgrid-podman),
#   EXTRA_CA_DIR (default /usr/local/share/ca-certificates): the host's own trusted CA certificates,
#   given to the Maven image too, so that its build trusts what the host's Maven trusts (a machine
#   whose HTTPS goes through an intercepting proxy: without them the build stage fails with "PKIX
#   path building failed" for every pom from Maven Central). Nothing of them is kept in the repo.
#   --skip-debootstrap: keep an existing localhost/jobgrid-debian:bookworm.
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
WORK="${WORK:-/var/tmp/jobgrid-podman}"
BASE=localhost/jobgrid-debian:bookworm

step() { echo "=== $* ($(date -u +%H:%M:%S))"; }
timed() { # label command...: runs the command and prints its wall time
    local label="$1" start; shift
    start=$(date +%s)
    "$@"
    echo "TIME $label $(($(date +%s) - start))s"
}

debian_base() {
    local rootfs="$WORK/rootfs"
    rm -rf "$rootfs"
    mkdir -p "$WORK"
    # minbase: dpkg, apt, bash, coreutils, passwd (useradd), no init system
    debootstrap --variant=minbase bookworm "$rootfs" "$MIRROR"
    # the image's apt uses the same mirror, with the security updates
    cat > "$rootfs/etc/apt/sources.list" <<SOURCES
deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb ${MIRROR%/debian}/debian-security bookworm-security main
SOURCES
    chroot "$rootfs" apt-get clean
    rm -rf "$rootfs"/var/lib/apt/lists/*
    tar -C "$rootfs" -c . | podman import --change 'CMD ["/bin/bash"]' - "$BASE"
    rm -rf "$rootfs"
}

image() { # tag containerfile: built in a context of this folder and the host's extra CA certificates
    local ctx="$WORK/context"
    rm -rf "$ctx"
    mkdir -p "$ctx/extra-ca"
    cp "$HERE"/*.Containerfile "$HERE"/*.sh "$ctx/"
    find "${EXTRA_CA_DIR:-/usr/local/share/ca-certificates}" -name '*.crt' -exec cp {} "$ctx/extra-ca/" \; 2>/dev/null || true
    podman build --pull=never --build-arg "BASE=$BASE" -t "$1" -f "$ctx/$2" "$ctx"
    rm -rf "$ctx"
}

if [[ "${1:-}" != --skip-debootstrap ]] || ! podman image exists "$BASE"; then
    step "debootstrap bookworm -> $BASE"
    timed debootstrap debian_base
fi
step "maven:3.9-eclipse-temurin-17"
timed maven-image image docker.io/library/maven:3.9-eclipse-temurin-17 maven.Containerfile
step "eclipse-temurin:17-jre"
timed jre-image image docker.io/library/eclipse-temurin:17-jre jre.Containerfile
step "postgres:16"
timed postgres-image image docker.io/library/postgres:16 postgres.Containerfile
podman images
