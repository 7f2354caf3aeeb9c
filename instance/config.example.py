# Copy to instance/config.py and adjust; environment variables win over this file.
# SECRET_KEY = "a long random string"
# DATABASE_URL = "postgresql://user@db.example/webform"
# MAIL_SERVER = "smtp-relay.example"
# MAIL_PORT = 25
# MAIL_DEFAULT_SENDER = "VLAIO kmo-portefeuille <kmo-portefeuille@vlaio.example>"
# PUBLIC_BASE_URL = "https://registratie.vlaio.example"
