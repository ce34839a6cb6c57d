# syntax=docker/dockerfile:1

# Build stage: the executable Spring Boot jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY . .
# npm: the build fetches the NL Design System stylesheets (package.json) with npm ci.
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
# -Dmdep.skip=true: the pom unpacks a Keycloak distribution for the integration tests;
# a build without tests does not need that download.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -DskipTests -Dmdep.skip=true package

# Run stage: JRE only, unprivileged user, configured purely through environment variables.
FROM eclipse-temurin:17-jre
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 transparant \
    && useradd --system --uid 10001 --gid transparant --home-dir /app --shell /usr/sbin/nologin transparant
WORKDIR /app
COPY --from=build /build/target/*.jar /app/transparant.jar
# the BPMN and DMN files are deployed from these folders, where a policy owner edits them
COPY --from=build /build/processes /app/processes
COPY --from=build /build/policies /app/policies
# the decision log's checkpoint signing key (README, "Signed checkpoints"): a volume or a mounted secret, never the database
RUN mkdir -p /app/data/keys && chown -R transparant:transparant /app/data && chmod 700 /app/data/keys
USER transparant:transparant
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=5 \
    CMD curl -fsS http://127.0.0.1:8080/actuator/health || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/transparant.jar"]
