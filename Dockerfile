# syntax=docker/dockerfile:1

# Build stage: compile TypeScript and the native SQLite binding.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# the npm workspace the lockfile names (the typed client); only its manifest is needed to install
COPY packages/client/package.json ./packages/client/
# the prepare script npm ci runs; it builds nothing yet, as src/ comes after the dependencies layer
COPY scripts/build-if-stale.mjs ./scripts/
RUN npm ci
COPY tsconfig.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

# Runtime stage: production dependencies and compiled output only, as a non-root user.
FROM node:20-bookworm-slim AS runtime
# MALLOC_ARENA_MAX: image processing runs on libuv's threads, and glibc gives each its own arenas that
# never shrink back; two arenas halve the resident memory after uploads (bench/media.ts: 676 → 354 MB).
# MALLOC_MMAP_THRESHOLD_: blocks from 128 KB up (a sync page of 500 bodies is written to the socket
# from one of several MB) are mapped and unmapped, so freeing them gives the memory back; glibc's
# default raises the threshold after the first such free, and a fragmented heap then keeps its peak
# (on 100,000 articles after a sync walk and load: 184 MB resident instead of 214 MB).
ENV NODE_ENV=production \
    MALLOC_ARENA_MAX=2 \
    MALLOC_MMAP_THRESHOLD_=131072 \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_PATH=/data/quire.db
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node migrations ./migrations
COPY --chown=node:node schema.graphql ./
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# --max-semi-space-size=8: V8's young generation at 2 × 8 MB instead of 2 × 16 MB (docs/deployment.md)
CMD ["node", "--max-semi-space-size=8", "dist/server.js"]
