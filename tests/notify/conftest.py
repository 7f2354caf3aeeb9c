import pytest
from jinja2 import ChoiceLoader, DictLoader

TEST_MAIL = """Proef – één bericht met accenten én ‘aanhalingstekens’

Beste {{ to_name | default('An Çelik') }},

Een bericht om het versturen te proeven.
{% if url %}{{ url }}{% endif %}
"""


@pytest.fixture
def test_mail_template(app):
    """A mail template of the tests' own, beside the product's templates."""
    app.jinja_loader = ChoiceLoader(
        [DictLoader({"email/test_mail.txt": TEST_MAIL}), app.jinja_loader]
    )
