"""Step 7 of the pipeline: what each version is and where it comes from.

From a comparison's rows, changes, quotes and passage kinds (furniture never counts):
each version's coverage of the reference's statements, its verdict (copy, light edit,
rewrite, spun, garbled, independent), its likely source among the other versions, the
evidence for both, and the spin figures. Qt-free; ``lineage_stats`` is what
``engine.assemble`` calls, ``cell_shares`` what the coverage map reads.
"""

from storydiff.lineage.figures import cell_shares
from storydiff.lineage.judge import lineage_stats

__all__ = ["cell_shares", "lineage_stats"]
