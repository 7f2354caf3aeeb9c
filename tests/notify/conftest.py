import pytest
from jinja2 import ChoiceLoader, DictLoader

TEST_MAIL = """Proef – één bericht met accenten én ‘aanhalingstekens’

Beste {{ to_name | default('An Çelik') }},

Een bericht om het versturen te proeven.
{% if url %}{{ url }}{% endif %}
"""


TEST_HTML = """<p>Beste {{ to_name | default('An Çelik') }},</p>
{% if url %}<p><a href="{{ url }}">{{ url }}</a></p>{% endif %}
"""


LONG_SUBJECT = """{{ subject_line }}

Beste {{ to_name }},

Uw dienstverlener Opleidingen D'Hondt & Zonen <info@dhondt.example> stuurt dit.
"""


@pytest.fixture
def test_mail_template(app):
    """A mail template of the tests' own, beside the product's templates."""
    app.jinja_loader = ChoiceLoader(
        [
            DictLoader(
                {
                    "email/test_mail.txt": TEST_MAIL,
                    "email/test_mail.html": TEST_HTML,
                    "email/long_subject.txt": LONG_SUBJECT,
                    "email/long_subject.html": TEST_HTML,
                }
            ),
            app.jinja_loader,
        ]
    )
