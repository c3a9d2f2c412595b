# syntax=docker/dockerfile:1
# oneview-gateway: build with `docker build -t oneview-gateway .`
# Run: docker run -p 8080:8080 -v $PWD/gateway.yaml:/app/config/local.yaml:ro oneview-gateway
# (or mount the file anywhere and pass `serve --config /path/to/file.yaml`).

# ---- build: compile TypeScript with the full dependency tree ----
FROM node:20-bookworm-slim AS build
WORKDIR /src

# `npm ci` runs the `prepare` script, which compiles src/ with tsc: the sources and the
# tsconfig files must be in place before it, not after.
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm ci --no-audit --no-fund

# ---- runtime: production dependencies, the compiled code and the default config ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
# A larger young generation: a proxied request's objects die there instead of being
# promoted, which cuts old-space collections and the latency tail (README, Performance).
ENV NODE_OPTIONS=--max-semi-space-size=32
WORKDIR /app

# --ignore-scripts: `prepare` would call tsc, which is a dev dependency and not installed.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

COPY --from=build /src/dist ./dist
COPY config ./config

# The node user of the base image, written as numbers so that an orchestrator enforcing
# runAsNonRoot can verify it without reading /etc/passwd.
USER 1000:1000

EXPOSE 8080

# The slim image has no curl: node itself asks /healthz. HEALTHCHECK_URL overrides the URL
# (another port set in the config file, or https on the main port); OVGW_SERVER_PORT is the
# gateway's own port override, so a port moved that way is followed.
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch(process.env.HEALTHCHECK_URL || 'http://127.0.0.1:' + (process.env.OVGW_SERVER_PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

ENTRYPOINT ["node", "dist/cli.js"]
CMD ["serve"]
