# syntax=docker/dockerfile:1
# Wayfinder image: one image, two commands (server: node src/main.ts, workers: node workers/main.ts).
# Node 24 runs the TypeScript sources directly (type stripping), so there is no compile step
# except the web build.

# --- build: dependencies (with the mediasoup worker) and the web app ---------------------------
FROM node:24-bookworm-slim AS build
WORKDIR /app
# mediasoup's postinstall downloads a prebuilt worker; where none exists for the platform it
# builds one, which needs python3 + pip, make and a C++ compiler. Kept out of the final image.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-pip make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx vite build --config web/vite.config.ts \
 && npm prune --omit=dev --no-audit --no-fund

# --- runtime -------------------------------------------------------------------------------------
FROM node:24-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/src ./src
COPY --from=build /app/workers ./workers
COPY --from=build /app/locales ./locales
COPY --from=build /app/web/dist ./web/dist
# Code is root-owned and read-only for the app; only ./data (uploads) is writable.
RUN mkdir -p /app/data/uploads && chown -R node:node /app/data
USER node
EXPOSE 3000 40000/udp 40000/tcp
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "src/main.ts"]
