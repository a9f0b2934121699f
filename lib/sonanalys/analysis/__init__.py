"""Analyses the notebooks show: plain functions from domain frames to result frames."""
