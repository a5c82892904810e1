FROM rust:1-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release -p api

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* && useradd --system --home /app fforwm
WORKDIR /app
COPY --from=build /src/target/release/fforwm /usr/local/bin/fforwm
USER fforwm
EXPOSE 8080
CMD ["fforwm", "serve"]
