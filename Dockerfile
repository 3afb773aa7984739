# Build: compile TypeScript and the native SQLite binding, then keep production dependencies only.
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY adapters ./adapters
COPY commands ./commands
COPY migrations ./migrations
RUN npm run build && npm prune --omit=dev

# Run: no compiler, no dev dependencies, an unprivileged user, the database on a volume.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    STEWARD_DATABASE=/data/steward.db
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY migrations ./migrations
# The shipped ad model and its credits: the ad filter loads it at start.
COPY models ./models
COPY bin ./bin
COPY config.example.json ./
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
ENTRYPOINT ["node", "bin/steward.js"]
CMD ["start"]
