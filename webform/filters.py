"""Template filters: Brussels time on every page and mail."""

from webform import clock


def register(app):
    app.add_template_filter(clock.format_local, "brussels")
    app.add_template_filter(clock.last_day, "last_day")

    @app.template_filter("day")
    def day(moment):
        return clock.format_local(moment, with_time=False)
