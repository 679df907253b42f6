"""A test-only OpenID Connect provider (django-oauth-toolkit), run as a second process.

It is a separate Django project with its own settings and database; nothing in the platform
imports it. See README.md beside this file.
"""
