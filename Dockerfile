# wanbot: slim Python base, non-root user, SQLite data on a volume.
# ffmpeg comes from the imageio-ffmpeg wheel (a static binary), so no apt step is needed.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DATA_DIR=/data

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY cogs ./cogs
RUN pip install --no-compile . \
    && useradd --system --uid 10001 --home-dir /app wanbot \
    && mkdir -p /data && chown wanbot /data

USER wanbot
VOLUME ["/data"]
CMD ["wanbot", "run"]
