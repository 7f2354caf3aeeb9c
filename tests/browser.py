"""A small browser over the Flask test client: it reads pages and fills forms
the way a person does, so CSRF tokens and typed values travel as in real use."""

import re
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from werkzeug.datastructures import MultiDict

LINK = re.compile(r"https?://\S+")


class Page:
    def __init__(self, response):
        self.response = response
        self.url = response.request.full_path.rstrip("?")
        self.status = response.status_code
        self.html = response.get_data(as_text=True)
        self.soup = BeautifulSoup(self.html, "html.parser")

    @property
    def text(self):
        return " ".join(self.soup.get_text(" ").split())

    def error_for(self, field_id):
        """The Dutch message shown beside a field, or None."""
        found = self.soup.find(id=f"{field_id}-error")
        return " ".join(found.get_text(" ").split()) if found else None

    def value_of(self, field_id):
        """What a field shows: an input's value, a textarea's text, a choice."""
        element = self.soup.find(id=field_id)
        if element is None:
            element = self.soup.find(attrs={"name": field_id})
        if element.name == "textarea":
            return textarea_value(element)
        if element.name == "select":
            chosen = element.find("option", selected=True)
            return chosen["value"] if chosen else None
        if element.name in ("ul", "fieldset") or element.get("type") == "radio":
            checked = self.soup.find("input", attrs={"name": field_id, "checked": True})
            return checked["value"] if checked else None
        return element.get("value", "")

    def form(self, button=None, action=None):
        """Find the form that holds a button with this text (or this action)."""
        for form in self.soup.find_all("form"):
            if action is not None and form.get("action", "") == action:
                return form
            if button is not None and self.button(form, button) is not None:
                return form
        raise AssertionError(f"no form with {button or action!r} on {self.url}")

    @staticmethod
    def button(form, text):
        for element in form.find_all(["button", "input"]):
            label = element.get_text(" ").strip() or element.get("value", "")
            if element.get("type", "submit") == "submit" and text in label:
                return element
        return None


def textarea_value(element):
    """A browser drops the one newline that opens a textarea's content."""
    text = element.get_text()
    for newline in ("\r\n", "\n"):
        if text.startswith(newline):
            return text[len(newline) :]
    return text


def form_values(form):
    values = []
    for element in form.find_all(["input", "textarea", "select"]):
        name = element.get("name")
        kind = element.get("type", "text")
        if not name or kind == "submit":
            continue
        if kind in ("radio", "checkbox"):
            if element.has_attr("checked"):
                values.append((name, element.get("value", "on")))
        elif element.name == "textarea":
            values.append((name, textarea_value(element)))
        elif element.name == "select":
            chosen = element.find("option", selected=True) or element.find("option")
            values.append((name, chosen.get("value", "") if chosen else ""))
        else:
            values.append((name, element.get("value", "")))
    return values


class Browser:
    def __init__(self, client, base_url):
        self.client = client
        self.base_url = base_url
        self.page = None

    def path(self, url):
        parts = urlsplit(urljoin(self.base_url + "/", url))
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def get(self, url):
        response = self.client.get(self.path(url), follow_redirects=True)
        self.page = Page(response)
        return self.page

    def submit(self, button, fields=None, action=None):
        """Press a button on the current page, after typing `fields` into the form."""
        form = self.page.form(button=button, action=action)
        typed = dict(fields or {})
        data = [(n, v) for n, v in form_values(form) if n not in typed]
        data += list(typed.items())
        pressed = self.page.button(form, button) if button else None
        if pressed is not None and pressed.get("name"):
            data.append((pressed["name"], pressed.get("value", "")))
        target = form.get("action") or self.page.url
        return self.post(target, data)

    def post(self, url, data):
        form = MultiDict(data)
        response = self.client.post(self.path(url), data=form, follow_redirects=True)
        self.page = Page(response)
        return self.page

    def open_link(self, url):
        """Follow a personal link from a mail and continue past its landing page."""
        landing = self.get(url)
        assert landing.status == 200, landing.text
        return self.submit("Verder gaan", action="")


def links_in(message):
    body = message.get_body(preferencelist=("plain",)).get_content()
    return LINK.findall(body)


def body_of(message):
    text = message.get_body(preferencelist=("plain",)).get_content()
    return text.replace("\r\n", "\n")
