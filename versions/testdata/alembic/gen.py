#!/usr/bin/python3
"""Alembic differential fixture for the planner (versions/plan_alembic_test.go).

What it does: builds seeded random revision graphs (branches, merge points
of two or three parents, several bases, depends_on by id or by branch
label, branch labels), writes each as an Alembic script directory (in a
temporary directory, removed afterwards), and runs a seeded random sequence
of commands against an in-memory SQLite database through Alembic's own
machinery (ScriptDirectory._upgrade_revs / _downgrade_revs / _stamp_revs
inside an EnvironmentContext, exactly what alembic.command.upgrade,
downgrade and stamp run from env.py). For every command it records the
version table's rows before, every step Alembic ran with the rows of the
real table after it, the rows afterwards, and Alembic's error (the class of
the RevisionError behind the CommandError and its message; for an internal
failure such as AssertionError or KeyError, where it happened) or warning.
The Go test reads fixture.json; it needs no Python.

fixture.json: {"alembic", "sqlalchemy", "graphs": [one graph per line]}.
A graph: "seed", "revisions" in load order ({"id", "revises", "depends_on",
"labels"}, empty fields left out), "commands". A command: "cmd" (upgrade,
downgrade, stamp), "args", "purge", "from" (rows before, in the table's
order), "steps" (["+id" | "-id" | "=from>to", rows after, sorted]),
"rows" (after, sorted), "error" {"kind", "message", "cause", "at"},
"partial" (steps run before a failure; the run is one transaction, rolled
back, so "rows" are then the rows before), "warnings", "repaired" (see
repair_rows: a table Alembic left with a row below another row is reset to
its tips before the next command, and "from" is the repaired table).

Regenerate (from the repository root):

    apt-get update && apt-get install -y python3-alembic python3-sqlalchemy
    /usr/bin/python3 versions/testdata/alembic/gen.py > versions/testdata/alembic/fixture.json

The output is deterministic for a given Alembic version (the script sets
PYTHONHASHSEED=0 and re-executes itself). It was generated with Debian 12's
python3-alembic 1.8.1 and python3-sqlalchemy 1.4.46; other versions are
refused unless --any-version is given (then review the Go test's
exceptions again).

Two changes make Alembic deterministic; neither changes what it plans:
  * Alembic 1.8 loads revision files in os.listdir order (1.10+ sorts them
    by name, as migrate does): _list_py_dir is wrapped to sort. Files are
    named <id>_r.py, so load order is the order of the ids.
  * RevisionMap._normalize_depends_on stores a revision's normalised
    dependencies as tuple(set(...)), so their order (which feeds
    _normalized_down_revisions and the topological sort) follows string
    hashing and changes from run to run. The wrapper keeps the declaration
    order (what migrate does); the set of dependencies is unchanged.
Rows are compared as sets: which row of a merge Alembic updates and which
it deletes is list(set(...)) order, which is not part of the contract.
"""

import json
import os
import random
import sys
import tempfile
import traceback
import warnings

if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

import alembic  # noqa: E402
import sqlalchemy as sa  # noqa: E402
from alembic.config import Config  # noqa: E402
from alembic.runtime.environment import EnvironmentContext  # noqa: E402
from alembic.script import ScriptDirectory  # noqa: E402
from alembic.script import base as script_base  # noqa: E402
from alembic.script import revision as revmod  # noqa: E402
from alembic.util import CommandError  # noqa: E402

GRAPHS = 300
COMMANDS = 14
MASTER_SEED = 20261206
PINNED = ("1.8.1", "1.4.46")


_orig_list_py_dir = script_base.Script._list_py_dir  # bound to Script


def _sorted_list_py_dir(cls, scriptdir, path):
    return sorted(_orig_list_py_dir(scriptdir, path))


script_base.Script._list_py_dir = classmethod(_sorted_list_py_dir)

_orig_normalize = revmod.RevisionMap._normalize_depends_on


def _ordered_normalize(self, revisions, map_):
    _orig_normalize(self, revisions, map_)
    for rev in revisions:
        keep = set(rev._normalized_resolved_dependencies)
        rev._normalized_resolved_dependencies = tuple(
            d for d in rev._resolved_dependencies if d in keep
        )


revmod.RevisionMap._normalize_depends_on = _ordered_normalize


def make_graph(rng):
    """A random DAG in creation order; ids are random, so load order
    (sorted ids) differs from creation order."""
    n = rng.randint(4, 14)
    ids = set()
    while len(ids) < n:
        ids.add("%06x" % rng.getrandbits(24))
    ids = list(ids)
    rng.shuffle(ids)
    revs = []
    nlabels = 0
    for i in range(n):
        r = {"id": ids[i], "revises": [], "depends_on": [], "labels": []}
        if rng.random() < 0.2:
            r["labels"] = ["lb%d" % nlabels]
            nlabels += 1
        if i > 0 and rng.random() < 0.85:
            k = 1 if rng.random() < 0.8 else rng.choice([2, 2, 3])
            r["revises"] = [revs[p]["id"] for p in rng.sample(range(i), min(k, i))]
        if i > 1 and rng.random() < 0.25:
            cands = [p for p in revs if p["id"] not in r["revises"]]
            for p in rng.sample(cands, min(len(cands), 1 if rng.random() < 0.75 else 2)):
                if p["labels"] and rng.random() < 0.5:
                    r["depends_on"].append(p["labels"][0])
                else:
                    r["depends_on"].append(p["id"])
        revs.append(r)
    return revs


def write_scripts(dirname, revs):
    versions = os.path.join(dirname, "versions")
    os.makedirs(versions)
    for r in revs:
        def lit(xs):
            if not xs:
                return "None"
            return repr(tuple(xs))

        with open(os.path.join(versions, r["id"] + "_r.py"), "w") as f:
            f.write(
                "revision = %r\ndown_revision = %s\nbranch_labels = %s\n"
                "depends_on = %s\n\n\ndef upgrade():\n    pass\n\n\n"
                "def downgrade():\n    pass\n"
                % (r["id"], lit(r["revises"]), lit(r["labels"]), lit(r["depends_on"]))
            )


def pick_command(rng, revs, rows):
    ids = [r["id"] for r in revs]
    labels = [l for r in revs for l in r["labels"]]
    rid = rng.choice(ids)
    lab = rng.choice(labels) if labels else rid
    row = rng.choice(rows) if rows else rid
    x = rng.random()
    if x < 0.5:
        arg = rng.choice([
            "heads", "heads", "head", rid, rid, rid, rid[:4], "+1", "+2",
            lab + "@head", lab + "@+1", rid + "+1", lab + "@" + rid, row + "+1",
        ])
        return "upgrade", [arg], False
    if x < 0.88:
        arg = rng.choice([
            rid, rid, rid, "-1", "-2", "base", lab + "@base", lab + "@-1",
            row + "-1", lab + "@" + rid, "head-1", rid[:4],
        ])
        return "downgrade", [arg], False
    args = rng.choice([[rid], [rid], ["heads"], ["base"], [lab + "@head"],
                       rng.sample(ids, min(2, len(ids)))])
    return "stamp", args, rng.random() < 0.25


def read_rows(conn):
    if not sa.inspect(conn).has_table("alembic_version"):
        return []
    return [r[0] for r in conn.execute(sa.text("select version_num from alembic_version"))]


def repair_rows(conn, revs):
    """Alembic sometimes leaves a row below another row (sqlalchemy/alembic
    #1373: an unmerge through depends_on re-inserts an ancestor). Every
    later command then fails ("Requested revision ... overlaps", #1107), so
    the table is reset to its tips before the next command, which records
    the rows it found. Returns those rows, or None when nothing was wrong."""
    labels = {l: r["id"] for r in revs for l in r["labels"]}
    down = {r["id"]: r["revises"] + [labels.get(d, d) for d in r["depends_on"]] for r in revs}

    def below(x):
        seen, todo = set(), list(down[x])
        while todo:
            y = todo.pop()
            if y not in seen:
                seen.add(y)
                todo.extend(down[y])
        return seen

    rows = read_rows(conn)
    under = set().union(*(below(r) for r in rows)) if rows else set()
    if not under.intersection(rows):
        return None
    with conn.begin():
        for r in under.intersection(rows):
            conn.execute(sa.text("delete from alembic_version where version_num = :v"), {"v": r})
    return rows


def error_of(e):
    cause = e.__cause__ if isinstance(e, CommandError) and e.__cause__ is not None else e
    out = {"kind": type(cause).__name__, "message": str(e)}
    if cause is not e and str(cause) != str(e):
        out["cause"] = str(cause)
    if not isinstance(cause, (CommandError, revmod.RevisionError)):
        # An internal failure (AssertionError, KeyError): name where.
        frame = traceback.extract_tb(cause.__traceback__)[-1]
        out["at"] = "%s: %s" % (frame.name, frame.line)
    return out


def run_command(cfg, script, conn, cmd, args, purge):
    steps = []

    def on_apply(ctx, step, heads, run_args):
        if step.is_stamp:
            name = "=%s>%s" % (",".join(step.source_revision_ids),
                               ",".join(step.destination_revision_ids))
        else:
            name = ("+" if step.is_upgrade else "-") + step.up_revision_id
        steps.append([name, sorted(read_rows(ctx.connection))])

    if cmd == "upgrade":
        def fn(rev, context):
            return script._upgrade_revs(args[0], rev)
    elif cmd == "downgrade":
        def fn(rev, context):
            return script._downgrade_revs(args[0], rev)
    else:
        def fn(rev, context):
            return script._stamp_revs(tuple(args), rev)

    out = {"cmd": cmd, "args": args}
    if purge:
        out["purge"] = True
    out["from"] = read_rows(conn)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            with EnvironmentContext(cfg, script, fn=fn, purge=purge,
                                    destination_rev=tuple(args)) as env:
                env.configure(connection=conn, transactional_ddl=True,
                              on_version_apply=on_apply)
                with env.begin_transaction():
                    env.run_migrations()
        except Exception as e:  # noqa: BLE001 - recorded, any kind
            out["error"] = error_of(e)
            if steps:
                out["partial"] = steps
            steps = []
    if caught:
        out["warnings"] = [str(w.message) for w in caught]
    out["steps"] = steps
    out["rows"] = sorted(read_rows(conn))
    return out


def graph_case(seed):
    rng = random.Random(seed)
    revs = make_graph(rng)
    with tempfile.TemporaryDirectory(prefix="migrate-alembic-") as d:
        write_scripts(d, revs)
        cfg = Config()
        cfg.set_main_option("script_location", d)
        script = ScriptDirectory(d)
        loaded = [s.revision for s in script.revision_map._revision_map.values()
                  if s is not None and s.revision in {r["id"] for r in revs}]
        byid = {r["id"]: r for r in revs}
        order = [byid[i] for i in dict.fromkeys(loaded)]
        assert [r["id"] for r in order] == sorted(byid), "load order is not sorted"
        engine = sa.create_engine("sqlite://")
        commands = []
        with engine.connect() as conn:
            for _ in range(COMMANDS):
                repaired = repair_rows(conn, revs)
                cmd, args, purge = pick_command(rng, revs, read_rows(conn))
                c = run_command(cfg, script, conn, cmd, args, purge)
                if repaired:
                    c["repaired"] = repaired
                commands.append(c)
        engine.dispose()
    compact = [{k: v for k, v in r.items() if v} for r in order]
    return {"seed": seed, "revisions": compact, "commands": commands}


def main():
    if (alembic.__version__, sa.__version__) != PINNED and "--any-version" not in sys.argv:
        sys.exit("gen.py: generated with alembic %s / sqlalchemy %s, found %s / %s "
                 "(pass --any-version to override)" % (PINNED + (alembic.__version__, sa.__version__)))
    seeds = random.Random(MASTER_SEED)
    graphs = [graph_case(seeds.getrandbits(32)) for _ in range(GRAPHS)]
    dump = lambda v: json.dumps(v, separators=(",", ":"), sort_keys=True)  # noqa: E731
    out = sys.stdout
    out.write('{"alembic":%s,"sqlalchemy":%s,"graphs":[\n' % (dump(alembic.__version__), dump(sa.__version__)))
    out.write(",\n".join(dump(g) for g in graphs))
    out.write("\n]}\n")


if __name__ == "__main__":
    main()
