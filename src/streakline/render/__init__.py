"""Renderers: plain values in, text out. All plotext calls live in render/charts.py."""
