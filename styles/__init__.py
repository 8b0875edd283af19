"""The built-in theme: print and e-reader stylesheets and Jinja2 templates (package data)."""
