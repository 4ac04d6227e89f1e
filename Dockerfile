# syntax=docker/dockerfile:1
# Multi-stage: compile TypeScript with the dev toolchain, ship only production dependencies.
#
#   docker build -t ecr-public-gateway .
#   buildah bud --format docker -t ecr-public-gateway .    # podman: podman build --format docker
#
# Both stages run the Node.js release package.json pins (the `node` devDependency, 24.21.0).

FROM node:24.21.0-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: compiling needs tsc alone, which has no install script. Without it the `node`
# devDependency's preinstall would download a second copy of the Node.js this image already has,
# past the lock file's integrity checks. dist/ is the same either way.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:24.21.0-bookworm-slim AS runtime
ARG VERSION=0.1.0
# The repository's address, e.g. --build-arg SOURCE_URL=https://github.com/<owner>/<repo>; the
# label stays empty when it is not given.
ARG SOURCE_URL=""
LABEL org.opencontainers.image.title="ecr-public-gateway" \
      org.opencontainers.image.description="A GraphQL gateway for the AWS ECR Public API, with its own ECR Public emulator" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.source="${SOURCE_URL}" \
      org.opencontainers.image.base.name="docker.io/library/node:24.21.0-bookworm-slim"
# HOST is the address the gateway binds: every interface, so a published port reaches it.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only: the `node` devDependency and the rest of the toolchain stay out.
# No production dependency has an install script, so allowScripts has nothing to approve here.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
EXPOSE 4000
# Liveness: /health answers while the process lives (compose.yaml checks /readiness instead).
# OCI-format images have no HEALTHCHECK: buildah and podman build OCI by default and drop it with
# a warning, so build with --format docker to keep it. compose.yaml declares its own healthcheck,
# which works whatever the image format.
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node directly, not npm: npm does not forward SIGTERM, and the gateway drains on it.
CMD ["node", "dist/main.js"]
