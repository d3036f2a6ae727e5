"""Pieces every page and dialog uses: labels, the switch, callouts, the chart, pickers, sizing."""
