"""Restoring on a Ray cluster: each film cut into segments that workers restore side by side,
photos handed out one by one; the driver (the command line) records, joins and saves.

Only this package imports Ray, and only once a cluster is asked for (``connect``), so the
rest of Rekindle runs without it. Its modules, each with one job:

- ``connect``: start a cluster on this machine or join one; how many workers it offers.
- ``plan``: a film's segments, at its keyframes, where no finished segment is.
- ``shipping``: the model files, as bytes, for workers that do not have them.
- ``tasks``: what a worker runs (a segment, a photo), plain functions of plain data.
- ``board``: where workers report their frames, or how far a photo has got, for the bar.
- ``running``: tasks handed out a few at a time, gathered as they finish, cancelled on Ctrl+C.
- ``films`` and ``photos``: the driver's loops.
"""
