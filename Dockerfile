# One image for the web, worker and beat services of docker-compose.yml.
FROM node:20-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    CANGNAN_VAR_DIR=/var/lib/cangnan

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
COPY --from=assets /app/node_modules ./node_modules
RUN DJANGO_SECRET_KEY=build-only DJANGO_DEBUG=0 python manage.py collectstatic --noinput \
    && useradd --system --home /app cangnan \
    && mkdir -p /var/lib/cangnan/media \
    && chown -R cangnan /var/lib/cangnan
USER cangnan

EXPOSE 8000
CMD ["gunicorn", "cangnan_yingji.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--no-control-socket"]
