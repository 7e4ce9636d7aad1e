# One image for every Bodega service; docker-compose.yml picks the command.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# Nothing phones home: no Prisma CLI checkpoint, no Apollo usage telemetry (the code sets both too).
ENV CHECKPOINT_DISABLE=1 APOLLO_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
COPY packages ./packages
COPY subgraphs ./subgraphs
COPY gateway ./gateway
COPY composition ./composition
# npm ci wants every workspace's package.json; the test support itself stays out of the image.
COPY test/package.json ./test/package.json
COPY web ./web
COPY prisma ./prisma
COPY prisma.config.ts codegen.ts tsconfig.json tsconfig.base.json ./
COPY scripts ./scripts
COPY data ./data
RUN npm ci --include=dev
# The gateway serves the built web app at /.
RUN npm run build:web
EXPOSE 4000
CMD ["npx", "tsx", "gateway/src/main.ts"]
