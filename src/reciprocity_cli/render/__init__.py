"""Turning results into what users read: Rich tables on screen, JSON, CSV and Markdown."""
