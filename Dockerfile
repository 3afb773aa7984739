# The current Node.js LTS (26, since October 2026; Node 20 ended on 2026-04-30), pinned to the
# release .ci/run also tests the suite on. Where a registry is reachable, pin the digest too:
#   docker buildx imagetools inspect node:26.12.0-bookworm-slim   → FROM node:26.12.0-bookworm-slim@sha256:…
ARG NODE_IMAGE=node:26.12.0-bookworm-slim

# Build: compile TypeScript and the native SQLite binding, then keep production dependencies only.
FROM ${NODE_IMAGE} AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY adapters ./adapters
COPY commands ./commands
COPY migrations ./migrations
# Only the native binding of better-sqlite3 is needed at run time: its sources, the SQLite amalgamation,
# object files and test extension (~25 MB) stay behind. Charts load ECharts' and ZRender's ES modules
# (lib/) and normalization OpenCC's character table (opencc-js's esm-lib/); their browser bundles,
# sources and type declarations (~65 MB) stay behind too.
RUN npm run build && npm prune --omit=dev \
 && cd node_modules/better-sqlite3 \
 && rm -rf deps src \
 && find build -mindepth 1 -maxdepth 1 ! -name Release -exec rm -rf {} + \
 && find build/Release -mindepth 1 ! -name better_sqlite3.node -exec rm -rf {} + \
 && cd /app/node_modules \
 && rm -rf echarts/dist echarts/types zrender/dist zrender/src opencc-js/dist/esm opencc-js/dist/umd

# Run: no compiler, no dev dependencies, an unprivileged user, the database on a volume.
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    STEWARD_DATABASE=/data/steward.db
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY migrations ./migrations
# The shipped ad model and its credits: the ad filter loads it at start.
COPY models ./models
# The chart font (a subset of Noto Sans SC, OFL): charts draw Chinese without system fonts.
COPY assets ./assets
COPY bin ./bin
COPY config.example.json ./
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
# Healthy: the bot wrote its heartbeat lately, every platform is connected, the outbox is moving.
HEALTHCHECK --interval=30s --timeout=10s --start-period=90s --retries=3 CMD ["node", "bin/steward.js", "health"]
# A young generation of 4 MB (V8 grows it to 32): ~20 MB less resident at 10,000 groups, same
# throughput in the soak benchmark (npm run bench:soak).
ENTRYPOINT ["node", "--max-semi-space-size=4", "bin/steward.js"]
CMD ["start"]
