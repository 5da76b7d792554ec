#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# test-tag-all.py: sigla-cli tag-all on the five seed cables: every occurrence of a person's
# names found (checked against Python's own search of the texts), a dry run that leaves the
# file as it was, one action that one undo takes back, and a second run that finds all tagged;
# then sigla-cli entity split, the counterpart: those mentions made another person's.
# Speaks TAP.

import hashlib
import json
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from siglatest import cli, connect, print_tap  # noqa: E402

SEEDS = os.environ["SIGLA_SEEDS_DIR"]
results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def expected_spans(project, patterns):
    """Where the texts give the names, by Python's regular expressions: whole words, any case,
    any white space between a name's words; a hit within a longer one left out."""
    spans = []
    with connect(project) as db:
        for doc, text in db.execute("SELECT id, text FROM documents ORDER BY id"):
            hits = []
            for pattern in patterns:
                hits += [(m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE)]
            hits.sort(key=lambda h: (h[0], -h[1]))
            end = -1
            for start, stop in hits:
                if start >= end:
                    spans.append((doc, start, stop))
                    end = stop
    return spans


def mentions_of(project, entity):
    with connect(project) as db:
        return sorted(db.execute('SELECT document_id, start, "end" FROM mentions WHERE entity_id = ?',
                                 (entity,)).fetchall())


def main():
    with tempfile.TemporaryDirectory() as tmp:
        project = os.path.join(tmp, "cables.sigla")
        cli("init", project)
        cli("import", project, *sorted(os.path.join(SEEDS, f) for f in os.listdir(SEEDS) if f.endswith(".txt")))
        stalin = cli("entity", "add", project, "--kind", "person", "--name", "Joseph Stalin",
                     "--alias", "Filippov:pseudonym").stdout.strip()
        expected = expected_spans(project, [r"\bFilippov\b", r"\bJoseph\s+Stalin\b"])
        check("the cables name Filippov", len(expected) >= 10, f"{len(expected)} occurrences")

        before = sha256(project)
        run = cli("tag-all", project, "--entity", stalin, "--dry-run", "--json")
        found = json.loads(run.stdout)["occurrences"] if run.returncode == 0 else []
        spans = [(o["document"], o["start"], o["end"]) for o in found]
        check("a dry run lists every occurrence", run.returncode == 0 and spans == expected,
              f"exit {run.returncode} {run.stderr.strip()}; got {spans[:5]}…, expected {expected[:5]}…")
        check("each as the text writes it, in its context",
              found and all(o["words"].lower() == "filippov" and o["words"] in o["snippet"] for o in found),
              str(found[:2]))
        check("all new", found and all(o["state"] == "new" and not o["tagged"] for o in found))
        check("a dry run leaves the file as it was", sha256(project) == before)

        # One tagged by hand first: it stays one mention.
        first = expected[0]
        cli("tag", project, str(first[0]), str(first[1]), str(first[2]), "--entity", stalin)
        run = cli("tag-all", project, "--entity", stalin, "--json")
        report = json.loads(run.stdout) if run.returncode == 0 else {"occurrences": [], "tagged": -1}
        check("tag-all tags the others", report["tagged"] == len(expected) - 1,
              f"exit {run.returncode} {run.stderr.strip()}; tagged {report['tagged']}")
        check("the one tagged before is listed so",
              report["occurrences"] and report["occurrences"][0]["state"] == "tagged"
              and not report["occurrences"][0]["tagged"])
        check("every occurrence is now one mention of the person", mentions_of(project, stalin) == expected)

        run = cli("tag-all", project, "--entity", stalin, "--json")
        again = json.loads(run.stdout) if run.returncode == 0 else {"occurrences": [], "tagged": -1}
        check("a second run finds them all tagged and tags nothing",
              again["tagged"] == 0 and all(o["state"] == "tagged" for o in again["occurrences"])
              and len(again["occurrences"]) == len(expected))

        undo = cli("undo", project)
        check("one undo takes the whole tagging back",
              undo.returncode == 0 and mentions_of(project, stalin) == [first], undo.stdout + undo.stderr)

        one = str(expected[-1][0])
        run = cli("tag-all", project, "--entity", stalin, "--doc", one, "--dry-run", "--json")
        in_one = json.loads(run.stdout)["occurrences"] if run.returncode == 0 else []
        check("--doc looks in one document",
              in_one and [(o["document"], o["start"], o["end"]) for o in in_one]
              == [s for s in expected if s[0] == int(one)])

        words = cli("tag-all", project, "--entity", stalin, "--name", "Kim Il Sung", "--dry-run")
        lines = [line.split("\t") for line in words.stdout.splitlines()]
        check("--name looks for other words, in line output",
              words.returncode == 0 and lines and all(len(f) == 7 and f[5].lower() == "kim il sung" for f in lines),
              words.stdout[:300] + words.stderr)

        # Split: every "Filippov" made a person of his own, by the words; then undone.
        cli("tag-all", project, "--entity", stalin)
        run = cli("entity", "split", project, stalin, "--name", "Filippov", "--words", "filippov", "--json")
        split = json.loads(run.stdout) if run.returncode == 0 else {"id": -1, "mentions": -1}
        check("entity split moves every mention with those words to a new person",
              split["mentions"] == len(expected) and mentions_of(project, split["id"]) == expected
              and mentions_of(project, stalin) == [], f"exit {run.returncode} {run.stderr.strip()} {split}")
        with connect(project) as db:
            names = [row[0] for row in db.execute("SELECT name FROM aliases WHERE entity_id = ?", (stalin,))]
        check("the new person's name leaves the old one's other names", "Filippov" not in names, str(names))
        undo = cli("undo", project)
        check("one undo makes them one again", undo.returncode == 0 and mentions_of(project, stalin) == expected
              and "Split" in undo.stdout, undo.stdout + undo.stderr)
        refused = cli("entity", "split", project, stalin, "--name", "Koba", "--alias", "Uncle Joe")
        check("a name it does not have is refused, naming it",
              refused.returncode == 1 and "Uncle Joe" in refused.stderr and mentions_of(project, stalin) == expected,
              refused.stderr)

        missing = cli("tag-all", project, "--entity", "999")
        check("an entity that does not exist is an error naming it",
              missing.returncode == 1 and "999" in missing.stderr, missing.stderr)
        usage = cli("tag-all", project)
        check("no --entity is a usage error", usage.returncode == 2, usage.stderr)

    return print_tap(results)


if __name__ == "__main__":
    sys.exit(main())
