"""Run as a separate process by the tests: send until nothing is left."""

import sys

from notify.sender import send_pending
from webform import create_app
from webform.extensions import db


def main():
    app = create_app()
    total = 0
    with app.app_context():
        while True:
            sent = send_pending(db.session, limit=int(sys.argv[1]))
            if sent == 0:
                break
            total += sent
    print(total)


if __name__ == "__main__":
    main()
