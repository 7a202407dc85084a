#!/bin/sh
# Runs the jobgrid console from shell/target/jobgrid-shell.jar, fast.
#
#   shell/jobgrid-shell.sh [--url URL] [--token T] [COMMAND ...]
#
# After a build, the first run starts the console as it is and, in the background, unpacks the jar
# and records a class-data-sharing archive (AppCDS) of the classes the console loads, into
# shell/target/cds. Later runs map that archive instead of loading and verifying ~5,000 classes,
# which roughly halves the time to the prompt. The archive is rebuilt when the jar or the JDK
# changes; if anything about it fails, the console simply runs without it.
set -eu
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
jar="$here/target/jobgrid-shell.jar"
cds="$here/target/cds"
java=${JAVA:-java}
# The console's JVM flags (C1 only and the serial collector start fastest) are written out at each
# of the three java commands below: sh has no arrays, and exec cannot run a function.

if [ ! -f "$jar" ]; then
    echo "Error: $jar is missing; build it with: mvn -B -q -pl shell -am package -DskipTests" >&2
    exit 2
fi

# the archive is only valid for this jar and this JVM
stamp="$(stat -c '%s %Y' "$jar") $(readlink -f "$(command -v "$java")")"

if [ -f "$cds/stamp" ] && [ "$(cat "$cds/stamp")" = "$stamp" ]; then
    # shellcheck disable=SC2086  # JOBGRID_JAVA_OPTS: options meant to split into words
    exec "$java" ${JOBGRID_JAVA_OPTS:-} -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto \
        -XX:SharedArchiveFile="$cds/jobgrid-shell.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$cds/jobgrid-shell.jar" "$@"
fi

# Record the archive in the background, once (the lock directory keeps a second run from racing),
# trained where it will be used: an archive is only valid for the exact class path it saw.
if mkdir "$here/target/cds.lock" 2>/dev/null; then
    (
        trap 'rm -rf "$here/target/cds.lock"' EXIT
        rm -rf "$cds"
        if "$java" -Djarmode=tools -jar "$jar" extract --destination "$cds" \
            && printf 'jobs\nhelp submit\nquit\n' | "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
                -XX:ArchiveClassesAtExit="$cds/jobgrid-shell.jsa" \
                -jar "$cds/jobgrid-shell.jar" --url http://127.0.0.1:1 \
            && [ -f "$cds/jobgrid-shell.jsa" ]; then
            printf '%s' "$stamp" > "$cds/stamp"
        else
            rm -rf "$cds"
        fi
    ) </dev/null >/dev/null 2>&1 &
fi
# shellcheck disable=SC2086
exec "$java" ${JOBGRID_JAVA_OPTS:-} -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" "$@"
