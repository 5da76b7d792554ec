# SPDX-License-Identifier: GPL-3.0-or-later
# siglatest.py: what the Python tests of the project file share: sigla-cli, read-only looks
# into the file, the checks that a project is whole, and TAP output.

import hashlib
import os
import sqlite3
import subprocess

CLI = os.environ["SIGLA_CLI"]


def cli(*args, timeout=None):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=timeout)


def connect(project):
    # Read only: the checks must not checkpoint, recover or otherwise write the file.
    return sqlite3.connect(f"file:{project}?mode=ro", uri=True)


def read_state(project):
    with connect(project) as db:
        entities = {row[0] for row in db.execute("SELECT id FROM entities")}
        documents = {row[0]: (row[1], row[2]) for row in
                     db.execute("SELECT id, source_name, source_sha256 FROM documents")}
        mentions = {row[0]: tuple(row[1:]) for row in
                    db.execute('SELECT id, document_id, start, "end", entity_id FROM mentions')}
    db.close()
    return (frozenset(entities), documents, mentions)


def check_whole(project):
    """Problems in the file: integrity, documents not whole, an action left open."""
    problems = []
    db = connect(project)
    try:
        verdict = db.execute("PRAGMA integrity_check").fetchall()
        if verdict != [("ok",)]:
            problems.append(f"integrity_check: {verdict[:3]}")
        indexed = {row[0] for row in db.execute("SELECT id FROM documents_fts_docsize")}
        for doc, text, length, size, sha, blob, blocks, bad_blocks in db.execute(
                'SELECT d.id, d.text, d.length, d.source_size, d.source_sha256, s.bytes, '
                '(SELECT count(*) FROM blocks b WHERE b.document_id = d.id), '
                '(SELECT count(*) FROM blocks b WHERE b.document_id = d.id AND '
                ' (b.start < 0 OR b."end" > d.length OR b.start >= b."end")) '
                'FROM documents d LEFT JOIN sources s ON s.id = d.id'):
            if blob is None or len(blob) != size or hashlib.sha256(blob).hexdigest() != sha.lower():
                problems.append(f"document {doc}: its original bytes are missing or differ")
            if not text or len(text) != length:
                problems.append(f"document {doc}: its text is missing or cut")
            if blocks == 0 or bad_blocks:
                problems.append(f"document {doc}: {blocks} blocks, {bad_blocks} out of the text")
            if doc not in indexed:
                problems.append(f"document {doc}: not in the search index")
        orphans = db.execute("SELECT count(*) FROM mentions WHERE document_id NOT IN "
                             "(SELECT id FROM documents) OR (entity_id IS NOT NULL AND "
                             "entity_id NOT IN (SELECT id FROM entities))").fetchone()[0]
        if orphans:
            problems.append(f"{orphans} mentions point at nothing")
        current = db.execute("SELECT action_id FROM history_state").fetchone()[0]
        if current is not None:
            problems.append(f"the journal still records action {current} as under way")
    finally:
        db.close()
    return problems


def scratch_dir():
    """A memory file system when there is one: thousands of commits cost no disk syncs there, and a
    killed process leaves its writes in the page cache as it would on a disk."""
    return "/dev/shm" if os.access("/dev/shm", os.W_OK) else None


def print_tap(results):
    """@results: (name, passed, detail). Returns the exit status."""
    print(f"1..{len(results)}")
    for number, (name, passed, detail) in enumerate(results, 1):
        print(f"{'ok' if passed else 'not ok'} {number} - {name}" + ("" if passed else f"  # {detail}"))
    return 0 if all(passed for _, passed, _ in results) else 1
