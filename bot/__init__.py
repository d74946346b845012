"""Partnerbot: the application core (configuration, storage, i18n, knowledge base, delivery)."""

__version__ = "0.1.0"
