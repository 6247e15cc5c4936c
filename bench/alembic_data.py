#!/usr/bin/python3
"""alembic_data.py: the data-migration workloads of issue 14 with Alembic's
SQLAlchemy Core (Debian's python3-sqlalchemy 1.4, python3-psycopg2), as an
Alembic revision would run them on op.get_bind(): one transaction,
executemany of the compiled statement.

    /usr/bin/python3 bench/alembic_data.py URL [RUNS]

URL is a SQLAlchemy URL (postgresql://postgres@127.0.0.1:5432/migrate_test).
It creates the schema alembic_data_bench, and for RUNS runs (default 3)
times a bulk insert of 100,000 rows (table.insert(), executemany) and an
update of the 100,000 rows with a value per row (table.update() with
bindparam, executemany), printing each run and the best.
"""
import sys
import time

import sqlalchemy as sa

ROWS = 100_000


def main():
    url = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    engine = sa.create_engine(url)
    meta = sa.MetaData(schema="alembic_data_bench")
    bench = sa.Table(
        "bench", meta,
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("v", sa.String(40), nullable=False),
        sa.Column("n", sa.BigInteger, nullable=False),
    )
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA IF EXISTS alembic_data_bench CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA alembic_data_bench"))
        meta.create_all(conn)
    inserts, updates = [], []
    try:
        for run in range(1, runs + 1):
            rows = [{"id": i + 1, "v": "value %d" % i, "n": i} for i in range(ROWS)]
            with engine.begin() as conn:
                conn.execute(bench.delete())
            start = time.perf_counter()
            with engine.begin() as conn:
                conn.execute(bench.insert(), rows)
            inserts.append(time.perf_counter() - start)

            values = [{"b_id": i + 1, "b_v": "round %d row %d" % (run, i), "b_n": i * run} for i in range(ROWS)]
            stmt = bench.update().where(bench.c.id == sa.bindparam("b_id")).values(v=sa.bindparam("b_v"), n=sa.bindparam("b_n"))
            start = time.perf_counter()
            with engine.begin() as conn:
                result = conn.execute(stmt, values)
            updates.append(time.perf_counter() - start)
            print("run %d: bulk insert %.2f s, update with a value per row %.2f s (%d rows)" % (run, inserts[-1], updates[-1], result.rowcount))
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA IF EXISTS alembic_data_bench CASCADE"))
    print("best: bulk insert %.2f s, update %.2f s" % (min(inserts), min(updates)))


if __name__ == "__main__":
    main()
