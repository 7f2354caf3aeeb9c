"""Configuration: defaults, then instance/config.py, then the environment."""

import os

REQUIRED_IN_PRODUCTION = ("SECRET_KEY", "DATABASE_URL", "MAIL_SERVER")
FROM_ENVIRONMENT = (
    "DATABASE_URL",
    "SECRET_KEY",
    "MAIL_SERVER",
    "MAIL_PORT",
    "MAIL_DEFAULT_SENDER",
    "PUBLIC_BASE_URL",
    "MAIL_DOMAIN",
    "MAIL_RETURN_PATH",
    "BOUNCE_MAILDIR",
    "BOUNCE_IMAP_HOST",
    "BOUNCE_IMAP_USER",
    "BOUNCE_IMAP_PASSWORD",
    "MAIL_USERNAME",
    "MAIL_PASSWORD",
    "MAIL_USE_TLS",
)


DEFAULT_SENDER = "VLAIO kmo-portefeuille <kmo-portefeuille@vlaio.example>"


class ConfigurationError(RuntimeError):
    """A setting that production needs is missing."""


def defaults(instance_path, env):
    sqlite_path = os.path.join(instance_path, "webform.sqlite")
    config = {
        "APP_ENV": env,
        "MAIL_PORT": 25,
        "MAIL_DEFAULT_SENDER": DEFAULT_SENDER,
        "PUBLIC_BASE_URL": "http://127.0.0.1:5000",
        "MAIL_CATCHER_DIR": os.path.join(instance_path, "mailcatcher"),
        "MAIL_BATCH_SIZE": 100,
        "MAIL_TIMEOUT": 30,
        "MAIL_DOMAIN": "vlaio.example",
        "MAIL_RETURN_PATH": "bounces@vlaio.example",
        "BOUNCE_MAILDIR": os.path.join(instance_path, "bounces"),
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": env == "production",
    }
    if env != "production":
        config["SECRET_KEY"] = "development-only-secret"
        config["DATABASE_URL"] = f"sqlite:///{sqlite_path}"
        config["MAIL_SERVER"] = "127.0.0.1"
        config["MAIL_PORT"] = 8025
    return config


def load(app, test_config):
    """Fill app.config; stop with a clear message if production lacks a key."""
    env = (test_config or {}).get("APP_ENV") or os.environ.get("APP_ENV")
    env = env or "production"
    app.config.from_mapping(defaults(app.instance_path, env))
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        for key in FROM_ENVIRONMENT:
            if os.environ.get(key):
                app.config[key] = os.environ[key]
    else:
        app.config.from_mapping(test_config)

    if env == "production":
        check_production(app.config)
    app.config["MAIL_PORT"] = int(app.config["MAIL_PORT"])
    app.config["MAIL_USE_TLS"] = is_true(app.config.get("MAIL_USE_TLS", False))
    app.config["SQLALCHEMY_DATABASE_URI"] = database_uri(app.config["DATABASE_URL"])


def is_true(value):
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "ja")
    return bool(value)


def database_uri(url):
    """Let a plain postgresql:// address use psycopg 3."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def check_production(config):
    missing = [key for key in REQUIRED_IN_PRODUCTION if not config.get(key)]
    if missing:
        names = ", ".join(missing)
        raise ConfigurationError(
            f"APP_ENV=production needs these settings: {names}. "
            "Set them in the environment or in instance/config.py; "
            "for a local trial use APP_ENV=development."
        )
