"""Registration of services for the SME wallet: profession-specific competences."""

import logging
import os

from flask import Flask
from pythonjsonlogger.json import JsonFormatter
from werkzeug.routing import IntegerConverter

from webform import config


class RowIdConverter(IntegerConverter):
    """A database id in an address: a number too large for one is no match."""

    def __init__(self, url_map):
        super().__init__(url_map, min=1, max=2**31 - 1)


def create_app(test_config=None):
    """Create the application: defaults, instance/config.py, the environment."""
    app = Flask(__name__, instance_relative_config=True)
    app.url_map.converters["id"] = RowIdConverter
    try:
        config.load(app, test_config)
    except config.ConfigurationError as error:
        raise SystemExit(f"Configuratiefout: {error}") from None
    os.makedirs(app.instance_path, exist_ok=True)
    configure_logging(app)

    init_extensions(app)
    register_blueprints(app)

    from webform import cli, errors, filters

    errors.register(app)
    app.after_request(keep_links_private)
    filters.register(app)
    cli.register(app)
    return app


def init_extensions(app):
    # Import every model so that the metadata and migrations see them.
    import review.models  # noqa: F401 (registers the review tables)
    import webform.models  # noqa: F401 (registers the core tables)
    from webform.extensions import csrf, db, migrate

    db.init_app(app)
    migrations = os.path.join(os.path.dirname(__file__), "migrations")
    migrate.init_app(app, db, directory=migrations, render_as_batch=True)
    csrf.init_app(app)


def register_blueprints(app):
    from review.views import chamber, minister, reviewer
    from webform.views import dev, links, provider, public

    for blueprint in (
        links.bp,
        provider.bp,
        public.bp,
        reviewer.bp,
        chamber.bp,
        minister.bp,
    ):
        app.register_blueprint(blueprint)
    if app.config["APP_ENV"] == "development":
        app.register_blueprint(dev.bp)


def keep_links_private(response):
    """A page opened through a personal link must not pass its address on."""
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(app):
    """Readable lines in development, JSON lines in production."""
    if app.config["APP_ENV"] == "testing":
        return
    handler = logging.StreamHandler()
    if app.config["APP_ENV"] == "production":
        handler.setFormatter(JsonFormatter(LOG_FORMAT))
    else:
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
    logging.basicConfig(level=logging.INFO, handlers=[handler])
    for chatty in ("mail.log", "alembic.runtime.plugins", "apscheduler"):
        logging.getLogger(chatty).setLevel(logging.WARNING)
