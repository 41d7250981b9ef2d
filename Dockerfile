# Production image of Ringi: the API (which also serves the web app) and, as target `web`, a reverse proxy
# with the built web app that balances /api and /socket.io over the API instances.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
# No source maps in the images: the web build writes none, the API's swc build does (dist/api), and nothing
# there needs them at run time.
RUN npx nx run-many -t build --projects=api,web --output-style=stream && npm prune --omit=dev \
  && find dist -name '*.map' -delete

FROM node:20-bookworm-slim AS api
WORKDIR /app
ENV NODE_ENV=production PORT=3000 DATA_DIR=/data WEB_DIST=/app/dist/web
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/api/apps/api/src/main.js"]

FROM nginx:1.27-bookworm AS web
COPY deploy/nginx.conf /etc/nginx/conf.d/default.conf
COPY deploy/security-headers.conf /etc/nginx/snippets/ringi-security-headers.conf
COPY --from=build /app/dist/web /usr/share/nginx/html
