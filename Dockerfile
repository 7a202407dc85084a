# jobgrid node and console image. Build: docker build -t jobgrid:local .  (or docker-compose build)
# Run one node: docker run -e JOBGRID_TOKEN -p 127.0.0.1:8080:8080 jobgrid:local
#   (REST binds 0.0.0.0 in the container, so the node needs a token: JOBGRID_TOKEN or --token)
# Run the console: docker run --rm -it -e JOBGRID_URL=http://HOST:8080 -e JOBGRID_TOKEN jobgrid:local shell

# --- build stage: the same Maven build as on a developer machine ------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Poms first, so the dependency download is cached until a pom changes.
COPY pom.xml ./
COPY testkit/pom.xml testkit/
COPY node/pom.xml node/
COPY client/pom.xml client/
COPY shell/pom.xml shell/
COPY bench/pom.xml bench/
COPY examples/embedded-app/pom.xml examples/embedded-app/
RUN mvn -B -q -pl node,shell -am dependency:go-offline
COPY testkit/src testkit/src
COPY node/src node/src
COPY client/src client/src
COPY shell/src shell/src
RUN mvn -B -q -pl node,shell -am -DskipTests package

# --- runtime stage: a JRE, the jars, bin/ and config/ ------------------------------------------
FROM eclipse-temurin:17-jre
# curl: the health checks of docker-compose.yml and the drain of a stopping Kubernetes pod use it
# (the Temurin images ship it; installed only if a base image lacks it).
RUN command -v curl >/dev/null || (apt-get update && apt-get install -y --no-install-recommends curl \
        && rm -rf /var/lib/apt/lists/*)
RUN useradd --system --uid 10001 --home-dir /opt/jobgrid --shell /usr/sbin/nologin jobgrid \
    && mkdir -p /var/lib/jobgrid \
    && chown jobgrid /var/lib/jobgrid
WORKDIR /opt/jobgrid
COPY --from=build /src/node/target/jobgrid-node.jar node/target/
COPY --from=build /src/node/target/lib node/target/lib
COPY --from=build /src/shell/target/jobgrid-shell.jar shell/target/
# bin/jobgrid shell runs the console through its launcher script.
COPY shell/jobgrid-shell.sh shell/
COPY bin bin
COPY config config
# The image holds no sources: bin/jobgrid must run the jars as they are.
ENV JOBGRID_NO_BUILD=1
USER jobgrid
# 8080: REST API, /health, /metrics. 5701: Hazelcast member port (keep it on a private network).
EXPOSE 8080 5701
ENTRYPOINT ["/opt/jobgrid/bin/jobgrid"]
CMD ["node", "--config", "/opt/jobgrid/config/docker/jobgrid.yaml", "--http-bind", "0.0.0.0"]
