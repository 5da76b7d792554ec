#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# test-import-paths.py: sigla-cli import takes folders (walked, with a filter) and lists of files
# (from a file or standard input, more than a command line holds), as one action; the corpus they
# make is searched a page at a time. Speaks TAP.

import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from siglatest import CLI, cli, connect, print_tap  # noqa: E402

SEEDS = os.environ["SIGLA_SEEDS_DIR"]
results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def sources(project):
    with connect(project) as db:
        return [row[0] for row in db.execute("SELECT source_name FROM documents ORDER BY id")]


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def seed(prefix):
    return next(os.path.join(SEEDS, f) for f in sorted(os.listdir(SEEDS)) if f.startswith(prefix))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        # A folder as an archive's export leaves it: nested, mixed case, hidden files, other files,
        # a link back up that must not be followed round.
        corpus = os.path.join(tmp, "corpus")
        with open(seed("000"), encoding="utf-8") as f:
            cable = f.read()
        write(os.path.join(corpus, "1951", "b cable.txt"), cable + "\nB\n")
        write(os.path.join(corpus, "1951", "a cable.TXT"), cable + "\nA\n")
        write(os.path.join(corpus, "1952", "c.xml"),
              '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Letter C'
              '</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p>'
              '</sourceDesc></fileDesc></teiHeader><text><body><p>Dear Comrade.</p></body></text></TEI>\n')
        write(os.path.join(corpus, "1952", "notes.md"), "not a document\n")
        write(os.path.join(corpus, ".trash", "old.txt"), "hidden\n")
        write(os.path.join(corpus, ".hidden.txt"), "hidden\n")
        os.symlink(corpus, os.path.join(corpus, "1952", "loop"))

        project = os.path.join(tmp, "p.sigla")
        cli("init", project)
        run = cli("import", project, corpus)
        names = sources(project)
        check("a folder is walked: its folders' text and XML files, in name order",
              run.returncode == 0 and names == ["a cable.TXT", "b cable.txt", "c.xml"],
              f"exit {run.returncode} {run.stderr.strip()}; {names}")
        undo = cli("undo", project)
        check("as one action, which one undo takes back", undo.returncode == 0 and sources(project) == [],
              undo.stdout + undo.stderr)

        run = cli("import", project, corpus, "--include", "*.MD", "--include", "*.xml")
        check("--include chooses the files, whatever their case", run.returncode == 0 and
              sources(project) == ["c.xml", "notes.md"], f"{run.stderr.strip()} {sources(project)}")

        empty = os.path.join(tmp, "empty")
        os.makedirs(os.path.join(empty, "sub"))
        write(os.path.join(empty, "sub", "readme.md"), "x\n")
        before = sources(project)
        run = cli("import", project, empty)
        check("a folder with nothing to import is said, naming it, and changes nothing",
              run.returncode == 1 and empty in run.stderr and "*.txt" in run.stderr and sources(project) == before,
              run.stderr)

        # Files with long names, more of them than a command line holds (up to 20,000), listed in
        # a file and on standard input.
        many = os.path.join(tmp, "many-" + "x" * 120)
        name = "letter {:05d} from the archive of the ministry.txt"
        count = min(20000, os.sysconf("SC_ARG_MAX") // len(os.path.join(many, name.format(0))) + 500)
        paths = []
        os.makedirs(many)
        for i in range(count):
            path = os.path.join(many, name.format(i))
            with open(path, "w", encoding="utf-8") as f:
                f.write(f"Letter {i}\n\nThe text of letter {i}.\n")
            paths.append(path)
        too_long = sum(len(p) + 1 for p in paths) > os.sysconf("SC_ARG_MAX")
        listing = os.path.join(tmp, "list.txt")
        with open(listing, "w", encoding="utf-8") as f:
            f.write("\n".join(paths[:count // 2]) + "\n\n")
        big = os.path.join(tmp, "big.sigla")
        cli("init", big)
        run = cli("import", big, "--files-from", listing)
        stdin = subprocess.run([CLI, "import", big, "--files-from", "-"], input="\n".join(paths[count // 2:]),
                               capture_output=True, text=True)
        names = sources(big)
        check("--files-from takes a list from a file and from standard input, spaces in names and all",
              too_long and run.returncode == 0 and stdin.returncode == 0 and len(names) == count
              and names[0] == os.path.basename(paths[0]) and names[-1] == os.path.basename(paths[-1]),
              f"exit {run.returncode}/{stdin.returncode} {run.stderr.strip()} {stdin.stderr.strip()}; "
              f"{len(names)} of {count} documents; too long for one command line: {too_long}")

        # That corpus searched a page at a time: the count, a default page said as such, pages that
        # meet end to end, the last one short.
        counted = cli("search", big, "letter", "--count")
        check("--count counts the documents", counted.returncode == 0 and counted.stdout.strip() == str(count),
              counted.stdout + counted.stderr)
        first = cli("search", big, "letter")
        docs = list(dict.fromkeys(line.split("\t")[0] for line in first.stdout.splitlines()))
        check("a search shows 50 documents unless told, and says how to see the rest",
              len(docs) == 50 and f"of {count}" in first.stderr and "--offset 50" in first.stderr, first.stderr)
        seen = []
        for offset in range(0, count, 2500):
            page = cli("search", big, "letter", "--limit", "2500", "--offset", str(offset))
            seen += list(dict.fromkeys(line.split("\t")[0] for line in page.stdout.splitlines()))
        check("the pages together give every document once", sorted(seen, key=int) == sorted(set(seen), key=int)
              and len(seen) == count, f"{len(seen)} documents, {len(set(seen))} different")

        none = cli("import", project)
        check("no file and no list is a usage error", none.returncode == 2 and "--files-from" in none.stderr,
              none.stderr)
        missing = cli("import", project, "--files-from", os.path.join(tmp, "no-such-list"))
        check("a list that cannot be read is said, naming it", missing.returncode == 1 and
              "no-such-list" in missing.stderr, missing.stderr)

    return print_tap(results)


if __name__ == "__main__":
    sys.exit(main())
