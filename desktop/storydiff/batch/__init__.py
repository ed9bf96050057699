"""Batch: many articles -> stories (same event) -> one comparison per story -> one results database.

``storydiff batch INPUT... --out DIR`` (``command``; the work is ``run.run_batch``):

1. ``inputs``: folders, file lists and JSON Lines feeds expanded into article sources;
2. ``articles``: each source read into a ``Version`` (files and http(s) addresses through ``ingest``);
3. ``runners``: every passage embedded in batches (in this process, or as Dask tasks);
4. ``grouping``: articles grouped into stories by embedding similarity, shared names and numbers,
   dates, and MinHash near-duplicates (pure maths, no model);
5. ``tasks``: one ``engine.compare`` per story (a process pool, or one Dask task per story);
6. ``results``: everything written by this one process into ``DIR/results.sqlite``, a session
   per story and two CSV files. Finished stories are not redone after a kill.

Nothing here imports Qt; Dask is imported only by ``runners.DaskRunner``. This package imports
nothing on its own, so that ``storydiff --help`` stays instant.
"""
