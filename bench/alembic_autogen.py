#!/usr/bin/python3
"""alembic_autogen.py: Alembic 1.8's autogenerate comparison on a live
database, timed the way `alembic revision --autogenerate` spends its time:
alembic.autogenerate.compare_metadata(MigrationContext, target_metadata),
which reflects the database table by table and diffs it against the model.

    /usr/bin/python3 bench/alembic_autogen.py URL [RUNS]

URL is a SQLAlchemy URL of a database already holding the benchmark schema
(bench/gen_autogen.go). The target metadata is that same schema reflected
once beforehand (MetaData.reflect, not timed), so a perfect comparison
finds nothing. Each run opens a fresh engine (no cached reflection), and
times connect + compare_metadata with compare_type=True and
compare_server_default=True (what migrate compares by default); the
queries the database receives are counted with a cursor-execute event.
It prints each run (seconds, queries, differences found by kind: with
the schema as its own model, every one is a false positive) and the best.
"""
import collections
import sys
import time

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext


def main():
    # Reflecting a table reflects the tables its foreign keys reference,
    # recursively: the chain of 1,000 foreign keys of the benchmark schema
    # is deeper than Python's default recursion limit.
    sys.setrecursionlimit(1_000_000)
    url = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    target = sa.MetaData()
    engine = sa.create_engine(url)
    target.reflect(bind=engine)
    engine.dispose()
    best = None
    for run in range(1, runs + 1):
        engine = sa.create_engine(url)
        queries = [0]

        @sa.event.listens_for(engine, "before_cursor_execute")
        def count(*_args):
            queries[0] += 1

        start = time.perf_counter()
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True})
            diff = compare_metadata(ctx, target)
        elapsed = time.perf_counter() - start
        engine.dispose()
        kinds = collections.Counter(d[0] if isinstance(d, tuple) else d[0][0] for d in diff)
        print("run %d: %.2f s, %d queries, %d differences %s (%d tables)" % (run, elapsed, queries[0], len(diff), dict(kinds), len(target.tables)))
        best = elapsed if best is None else min(best, elapsed)
    print("best: %.2f s" % best)


if __name__ == "__main__":
    main()
