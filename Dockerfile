# syntax=docker/dockerfile:1
# The Fforwm server: built with the dependencies in their own cached layer (cargo-chef), run as
# an unprivileged user on a slim Debian. `docker build -t fforwm .`; docker-compose.yml runs it.

ARG RUST_VERSION=1

FROM rust:${RUST_VERSION}-slim-bookworm AS chef
RUN cargo install cargo-chef --locked --version ^0.1
WORKDIR /src

# The recipe: only the manifests and the lock file, so it changes when the dependencies do.
FROM chef AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json

FROM chef AS builder
COPY --from=planner /src/recipe.json recipe.json
RUN cargo chef cook --release --recipe-path recipe.json --package api
COPY . .
RUN cargo build --release --locked --package api --bin fforwm

FROM debian:bookworm-slim AS runtime
# curl answers the health check; nothing else is added.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /var/lib/fforwm --create-home \
        --shell /usr/sbin/nologin fforwm
COPY --from=builder /src/target/release/fforwm /usr/local/bin/fforwm
# A numeric user, so that an orchestrator can check it is not root. Its home holds the SQLite
# file when no DATABASE_URL is given.
USER 10001:10001
WORKDIR /var/lib/fforwm
ENV FFORWM_BIND=0.0.0.0:8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8080/ready"]
ENTRYPOINT ["fforwm"]
CMD ["serve"]
