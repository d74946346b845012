# Partnerbot: `docker build -t partnerbot .`, then
#   docker run -d --name partnerbot -e TELEGRAM_BOT_TOKEN=... -v partnerbot-data:/data partnerbot
# Webhook mode: add `-p 8443:8443 -e WEBHOOK_URL=https://... -e WEBHOOK_SECRET=...` and the
# command `partnerbot run --webhook`. A bind-mounted /data must be writable by uid 10001.

# Both stages use the same base, so the venv's interpreter link stays valid in the runtime.
ARG PYTHON_IMAGE=python:3.11-slim-bookworm


# ---- build: install partnerbot and its dependencies into /opt/venv; check the catalogs ----
FROM ${PYTHON_IMAGE} AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:${PATH}"

WORKDIR /src
# The locked dependencies first, in a layer of their own: every package pinned with its hashes
# (requirements/lock.sh), so the image runs exactly what CI tested.
COPY requirements/base.lock requirements/base.lock
RUN pip install --no-cache-dir --require-hashes -r requirements/base.lock
# .dockerignore lets only pyproject.toml, README.md, requirements/, bot/, handlers/, locales/
# and data/ in.
COPY . .
# `check` runs on the source tree: every code string is in the template, every catalog is
# complete and compiles exactly as start-up compiles it. An incomplete catalog fails the build.
RUN pip install --no-cache-dir --no-deps . \
    && python -m bot.babel_runner check


# ---- runtime: the venv (with the catalogs and the knowledge base); no source tree, not root ----
FROM ${PYTHON_IMAGE} AS runtime

RUN groupadd --system --gid 10001 partnerbot \
    && useradd --system --uid 10001 --gid partnerbot --home-dir /data --no-create-home \
        --shell /usr/sbin/nologin partnerbot \
    && install --directory --owner=partnerbot --group=partnerbot /data

# The install put locales/ and data/ under /opt/venv/share/partnerbot (setup.py data_files),
# where bot/resources.py finds them: the venv is all the runtime needs.
COPY --from=build /opt/venv /opt/venv

ENV PATH="/opt/venv/bin:${PATH}" \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PARTNERBOT_DB=/data/partnerbot.sqlite3 \
    PARTNERBOT_HEARTBEAT_FILE=/tmp/partnerbot.heartbeat

# The database (and an optional .env, read from the working directory) live on the volume.
VOLUME ["/data"]
WORKDIR /data
# Numeric, so that orchestrators enforcing "run as non-root" can verify it.
USER 10001:10001

# Webhook mode only (WEBHOOK_PORT); long polling needs no port.
EXPOSE 8443
# The bot writes a heartbeat every 15 s; `healthcheck` fails when it is older than 60 s, or in
# webhook mode when /healthz does not answer within 5 s. Start-up takes a few seconds.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["partnerbot", "healthcheck"]
# SIGTERM (docker stop) ends the bot cleanly with exit code 0.
CMD ["partnerbot", "run"]
