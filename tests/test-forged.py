#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# test-forged.py: project files forged from a real one, the way a colleague's file could come:
# planted triggers and views, endless queries, odd versions and ids, changed tables and columns,
# journals that lie, huge and mistyped values, old-format journals holding SQL of every kind.
# For each, sigla-cli opens, lists, shows, tags and undoes: it must not crash or hang; write
# nothing outside the project; leave a refused project byte for byte as it was; and say which
# file and why. A refused file's data is recovered into a new project that Sigla opens.

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

from siglatest import cli, print_tap

TESTS = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.environ["SIGLA_SEEDS_DIR"]
V1_PROJECT = os.path.join(TESTS, "data", "project-v1.sigla")
# Far beyond what any of these commands needs on a file this small, even under the sanitizers.
COMMAND_SECONDS = 10


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def make_template(folder):
    """A real project: the seed cables, a person with a pseudonym, tags, a claim, an undone step."""
    path = os.path.join(folder, "template.sigla")
    seeds = sorted(os.path.join(SEEDS, n) for n in os.listdir(SEEDS) if n.endswith(".txt"))
    steps = [["init", path], ["import", path, *seeds],
             ["entity", "add", path, "--kind", "person", "--name", "Stalin", "--alias", "Filippov:pseudonym"],
             ["tag", path, "1", "0", "5", "--entity", "1"], ["tag", path, "1", "10", "15", "--entity", "1"],
             ["claim", "add", path, "1", "20", "40", "--speaker", "1"], ["undo", path]]
    for step in steps:
        run = cli(*step)
        if run.returncode != 0:
            raise RuntimeError(f"{' '.join(step)}: {run.stderr}")
    return path


def forge(path, *statements, writable=False):
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA foreign_keys = OFF")
        if writable:
            db.execute("PRAGMA writable_schema = ON")
        for statement in statements:
            db.execute(statement)
    finally:
        db.close()


def journal_row(tbl, op, row_id, trash_id="NULL"):
    return ("INSERT INTO history_actions(label, created, undone) VALUES ('Tag person', 'now', 0)",
            f"INSERT INTO history_rows(action_id, tbl, op, row_id, trash_id) "
            f"VALUES ((SELECT max(id) FROM history_actions), {tbl}, '{op}', {row_id}, {trash_id})")


def old_journal(path, sql):
    """A format 1 file whose history holds @sql where Sigla wrote its reversing statements."""
    quoted = sql.replace("'", "''")
    forge(path, "INSERT INTO history_actions(label, created, undone) VALUES ('Tag person', 'now', 0)",
          "INSERT INTO history_log(action_id, tbl, row_id, sql) "
          f"VALUES ((SELECT max(id) FROM history_actions), 'mentions', 1, '{quoted}')")


def utf16_project(path):
    os.remove(path)
    forge(path, "PRAGMA encoding = 'UTF-16le'", "PRAGMA application_id = 1397311308",
          "PRAGMA user_version = 3", "CREATE TABLE documents(id INTEGER PRIMARY KEY, title TEXT)")


def with_page_size(path, size):
    forge(path, "PRAGMA journal_mode = DELETE", f"PRAGMA page_size = {size}", "VACUUM")


ENDLESS = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n"

# (name, how the file is forged, what Sigla must do: "refused" with words of its message; "undo
# refused", when only the history lies; or "harmless")
CASES = [
    ("a planted trigger rewrites every title on a tag",
     lambda p, d: forge(p, "CREATE TRIGGER t AFTER INSERT ON mentions BEGIN UPDATE documents SET title = 'x'; END"),
     ("refused", "trigger “t”")),
    ("a planted trigger writes SQL into the journal",
     lambda p, d: forge(p, "CREATE TRIGGER t AFTER INSERT ON entities BEGIN INSERT INTO history_rows"
                           "(action_id, tbl, op, row_id) VALUES (1, 'sqlite_schema', 'insert', 1); END"),
     ("refused", "trigger “t”")),
    ("a trigger runs an endless recursive query",
     lambda p, d: forge(p, f"CREATE TRIGGER t BEFORE INSERT ON mentions BEGIN SELECT ({ENDLESS}); END"),
     ("refused", "trigger “t”")),
    ("a trigger calls fts3_tokenizer with an address",
     lambda p, d: forge(p, "CREATE TRIGGER t AFTER INSERT ON mentions BEGIN "
                           "SELECT fts3_tokenizer('simple', x'4141414141414141'); END"),
     ("refused", "trigger “t”")),
    ("a table replaced by an endless view",
     lambda p, d: forge(p, "DROP TABLE claim_about", "DROP TABLE claims",
                        f"CREATE VIEW claims AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) "
                        "SELECT x AS id FROM n"),
     ("refused", "changed by another program")),
    ("a table Sigla does not make",
     lambda p, d: forge(p, "CREATE TABLE extra(x)"), ("refused", "table “extra”")),
    ("an index on an expression",
     lambda p, d: forge(p, "CREATE INDEX odd ON mentions(abs(start))"), ("refused", "index “odd”")),
    ("a table dropped",
     lambda p, d: forge(p, "DROP TABLE claim_about"), ("refused", "is missing")),
    ("a table renamed",
     lambda p, d: forge(p, "ALTER TABLE settings RENAME TO preferences"), ("refused", "changed by another program")),
    ("a column dropped",
     lambda p, d: forge(p, "DROP TRIGGER mentions_journal_ad", "DROP TRIGGER mentions_journal_au",
                        "ALTER TABLE mentions DROP COLUMN note"), ("refused", "“mentions")),
    ("a column renamed",
     lambda p, d: forge(p, "ALTER TABLE entities RENAME COLUMN note TO remark"), ("refused", "changed by another")),
    ("a column added",
     lambda p, d: forge(p, "ALTER TABLE documents ADD COLUMN extra TEXT"), ("refused", "table “documents”")),
    ("a CHECK taken out of a table's SQL",
     lambda p, d: forge(p, "UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (start >= 0 AND start < \"end\")', "
                           "'CHECK (1)') WHERE name = 'mentions'", writable=True),
     ("refused", "table “mentions”")),
    ("a journal trigger made to do more",
     lambda p, d: forge(p, "DROP TRIGGER mentions_journal_ai",
                        "CREATE TRIGGER mentions_journal_ai AFTER INSERT ON mentions BEGIN DELETE FROM entities; END"),
     ("refused", "trigger “mentions_journal_ai”")),
    ("user_version -1", lambda p, d: forge(p, "PRAGMA user_version = -1"), ("refused", "not a Sigla project")),
    ("user_version -2147483648",
     lambda p, d: forge(p, "PRAGMA user_version = -2147483648"), ("refused", "not a Sigla project")),
    ("user_version 0", lambda p, d: forge(p, "PRAGMA user_version = 0"), ("refused", "not a Sigla project")),
    ("user_version from the future", lambda p, d: forge(p, "PRAGMA user_version = 99"), ("refused", "newer version")),
    ("user_version of an older format over today's tables",
     lambda p, d: forge(p, "PRAGMA user_version = 2"), ("refused", "changed by another program")),
    ("application_id 0", lambda p, d: forge(p, "PRAGMA application_id = 0"), ("refused", "not a Sigla project")),
    ("another program's application_id",
     lambda p, d: forge(p, "PRAGMA application_id = 305419896"), ("refused", "not a Sigla project")),
    ("text in UTF-16", lambda p, d: utf16_project(p), ("refused", "encoding")),
    ("pages of 1,024 bytes", lambda p, d: with_page_size(p, 1024), "harmless"),
    ("pages of 65,536 bytes", lambda p, d: with_page_size(p, 65536), "harmless"),
    ("statistics of ANALYZE", lambda p, d: forge(p, "ANALYZE"), "harmless"),
    ("a journal step on sqlite_schema",
     lambda p, d: forge(p, *journal_row("'sqlite_schema'", "insert", 1)), ("undo refused", "step Sigla does not write")),
    ("a journal step whose table is SQL",
     lambda p, d: forge(p, *journal_row("'mentions WHERE 1; DROP TABLE documents; --'", "insert", 1)),
     ("undo refused", "step Sigla does not write")),
    ("a journal step of a kind Sigla never logs",
     lambda p, d: forge(p, *journal_row("'mentions'", "insert", 1, 1)), ("undo refused", "step Sigla does not write")),
    ("a journal step for a row that is not there",
     lambda p, d: forge(p, *journal_row("'mentions'", "insert", 999999)), ("undo refused", "does not match")),
    ("a journal step restoring another action's copy",
     lambda p, d: forge(p, *journal_row("'claims'", "delete", 1, "(SELECT min(trash_id) FROM claims_trash)")),
     ("undo refused", "does not match")),
    ("a journal step whose copy is gone",
     lambda p, d: forge(p, *journal_row("'entities'", "update", 1, 987654)), ("undo refused", "does not match")),
    ("a 16 MB note", lambda p, d: forge(p, "UPDATE mentions SET note = printf('%.*c', 16777216, 'x')"), "harmless"),
    ("text where a number belongs",
     lambda p, d: forge(p, "PRAGMA ignore_check_constraints = ON", "UPDATE mentions SET start = 'abc' WHERE id = 1"),
     "harmless"),
    ("bytes where a title belongs",
     lambda p, d: forge(p, "UPDATE documents SET title = x'00ff00fe' WHERE id = 1"), "harmless"),
    ("titles and names holding line breaks, tabs and backslashes",
     lambda p, d: forge(p, "UPDATE documents SET title = 'Cable' || char(10) || '2' || char(9) || 'x\\y'",
                        "UPDATE entities SET label = 'Filippov' || char(10) || 'Stalin'"), "one line each"),
    ("a mention past the end of its document",
     lambda p, d: forge(p, "UPDATE mentions SET \"end\" = 1000000000 WHERE id = 1"), "harmless"),
    ("format 1: the journal attaches another project and empties it",
     lambda p, d: old_journal(p, f"ATTACH '{os.path.join(d, 'other.sigla')}' AS o; DELETE FROM o.mentions"),
     "harmless"),
    ("format 1: the journal copies the file where it likes",
     lambda p, d: old_journal(p, f"VACUUM INTO '{os.path.join(d, 'copied.sigla')}'"), "harmless"),
    ("format 1: the journal ends undo's transaction",
     lambda p, d: old_journal(p, "COMMIT; DELETE FROM mentions"), "harmless"),
    ("format 1: the journal creates a trigger",
     lambda p, d: old_journal(p, "CREATE TRIGGER planted AFTER INSERT ON mentions BEGIN DELETE FROM entities; END"),
     "harmless"),
    ("format 1: the journal calls fts3_tokenizer",
     lambda p, d: old_journal(p, "SELECT fts3_tokenizer('simple', x'4141414141414141')"), "harmless"),
]


def run_case(name, how, expect, template, root):
    folder = tempfile.mkdtemp(dir=root)
    project = os.path.join(folder, "p.sigla")
    other = os.path.join(folder, "other.sigla")
    shutil.copy(V1_PROJECT if name.startswith("format 1") else template, project)
    shutil.copy(template, other)
    how(project, folder)
    before, other_before = sha(project), sha(other)

    problems = []
    refusals = []
    after_undo = None
    for args in (["stats", project], ["list", project], ["show", project, "1", "--json"], ["undo", project],
                 ["tag", project, "1", "0", "3", "--entity", "1"]):
        start = time.monotonic()
        try:
            run = cli(*args, timeout=COMMAND_SECONDS)
        except subprocess.TimeoutExpired:
            problems.append(f"{args[0]} did not finish in {COMMAND_SECONDS} s")
            continue
        took = time.monotonic() - start
        if run.returncode < 0 or run.returncode > 2:
            problems.append(f"{args[0]} ended with {run.returncode}: {run.stderr[-300:]}")
        elif run.returncode != 0:
            refusals.append((args[0], run.stderr))
        if took > COMMAND_SECONDS / 2:
            problems.append(f"{args[0]} took {took:.1f} s")
        if args[0] == "undo":
            after_undo = sha(project)

    recovered = None
    if expect != "harmless" and expect != "one line each" and expect[0] == "refused":
        new = os.path.join(folder, "recovered.sigla")
        recovered = cli("recover", project, new, "--json", timeout=COMMAND_SECONDS)
        stats = cli("stats", new, "--json", timeout=COMMAND_SECONDS)
        if recovered.returncode != 0 or stats.returncode != 0:
            problems.append(f"recover: {recovered.stderr.strip()} / stats of the new project: {stats.stderr.strip()}")
        elif "trigger" in expect[1]:
            counts = json.loads(stats.stdout)
            if (counts["documents"], counts["mentions"]) != (5, 2):
                problems.append(f"recover took {counts} of 5 documents and 2 mentions")

    if sha(other) != other_before:
        problems.append("another project beside it was changed")
    allowed = {"p.sigla", "p.sigla-wal", "p.sigla-shm", "p.sigla.v1.bak", "other.sigla", "other.sigla-wal",
               "other.sigla-shm", "recovered.sigla", "recovered.sigla-wal", "recovered.sigla-shm"}
    strays = set(os.listdir(folder)) - allowed
    if strays:
        problems.append(f"files written beside it: {sorted(strays)}")

    if expect == "one line each":
        listed = cli("list", project).stdout.splitlines()
        entities = cli("entity", "list", project).stdout.splitlines()
        if len(listed) != 5 or any(line.count("\t") != 2 or "Cable\\n2\\tx\\\\y" not in line for line in listed):
            problems.append(f"list does not give one line of three fields a document: {listed[:2]}")
        if len(entities) != 1 or "Filippov\\nStalin" not in entities[0]:
            problems.append(f"entity list does not give one line an entity: {entities}")
    elif expect == "harmless":
        if name.startswith("format 1"):
            db = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
            planted = db.execute("SELECT name FROM sqlite_schema WHERE name = 'planted'").fetchall()
            entities = db.execute("SELECT count(*) FROM entities").fetchone()[0]
            db.close()
            if planted or entities == 0:
                problems.append("the old journal's SQL ran")
    else:
        kind, words = expect
        expected = ["undo"] if kind == "undo refused" else ["stats", "list", "show", "undo", "tag"]
        if [command for command, _ in refusals] != expected:
            problems.append(f"refused by {[command for command, _ in refusals]}, not by {expected}")
        for command, message in refusals:
            if project not in message and os.path.basename(project) not in message:
                problems.append(f"{command}'s message does not name the file: {message.strip()}")
            if words not in message:
                problems.append(f"{command}'s message does not say “{words}”: {message.strip()}")
        if (after_undo if kind == "undo refused" else sha(project)) != before:
            problems.append("the refused project was changed")

    shutil.rmtree(folder, ignore_errors=True)
    return (name, not problems, "; ".join(problems))


def main():
    root = tempfile.mkdtemp(prefix="sigla-forged-")
    try:
        template = make_template(root)
        results = [run_case(name, how, expect, template, root) for name, how, expect in CASES]
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return print_tap(results)


if __name__ == "__main__":
    sys.exit(main())
