# One image for both processes: `api` (default) and `worker` (command override in docker-compose.yml).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm rebuild protobufjs @swc/core
COPY . .
# tsx runs the TypeScript sources directly; the worker bundles workflows at start.
USER node
EXPOSE 3000
CMD ["sh", "-c", "node --import tsx scripts/migrate.ts && exec node --import tsx server.ts"]
