# The dealer UI is built with the dev dependencies (Vite), then only its static files are kept.
FROM node:20-bookworm-slim AS web
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY web ./web
RUN npm run build:web

# One image for both processes: `api` (default) and `worker` (command override in docker-compose.yml).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm rebuild protobufjs @swc/core
COPY . .
COPY --from=web /app/web/dist ./web/dist
# tsx runs the TypeScript sources directly; the worker bundles workflows at start.
USER node
EXPOSE 3000
CMD ["sh", "-c", "node --import tsx scripts/migrate.ts && exec node --import tsx server.ts"]
