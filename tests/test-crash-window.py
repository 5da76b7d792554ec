#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# test-crash-window.py: the window (in the display the suite runs in) tags one word after
# another, undoes every 7th tag and exports the project as TEI every 40, and is killed with
# SIGKILL at random moments. After each kill: the project is whole, every tag and undo the window
# had reported committed is in it, the export is absent or whole, and undo still works. Speaks TAP.

import os
import random
import select
import shutil
import signal
import subprocess
import tempfile
import time
import xml.etree.ElementTree as ElementTree

from siglatest import check_whole, cli, connect, print_tap, scratch_dir

TAGGER = os.environ["SIGLA_TAG_WINDOW"]
KILLS = int(os.environ.get("SIGLA_CRASH_WINDOW_KILLS", "12"))
SEED = int(os.environ.get("SIGLA_CRASH_SEED", random.SystemRandom().randrange(1 << 32)))


def spans(project):
    db = connect(project)
    try:
        return {(start, end) for start, end in db.execute('SELECT start, "end" FROM mentions')}
    finally:
        db.close()


def record(line, reported):
    if line.startswith("tagged ") or line.startswith("undone "):
        start, end = map(int, line.split()[1:])
        reported[(start, end)] = line.startswith("tagged ")


def run_until_killed(project, export, rng, reported):
    """Starts the window, lets it work for a random while, kills it. @reported: span → whether
    the window last reported it tagged (True) or undone (False). Returns what it said."""
    tagger = subprocess.Popen([TAGGER, project, export], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Read with os.read, not readline: a buffered reader keeps lines that select() no longer
    # sees and communicate() never returns, and they would read as tags missing.
    out = tagger.stdout.fileno()
    deadline = None
    lines = []
    partial = b""

    def take(data):
        nonlocal deadline, partial
        *complete, partial = (partial + data).split(b"\n")
        for raw in complete:
            line = raw.decode()
            lines.append(line)
            record(line, reported)
            if line.startswith("ready"):
                deadline = time.monotonic() + rng.uniform(0.05, 0.6)

    while True:
        if deadline is not None and time.monotonic() >= deadline:
            break
        timeout = 30 if deadline is None else max(deadline - time.monotonic(), 0)
        ready, _, _ = select.select([out], [], [], timeout)
        if not ready:
            if deadline is None:
                break          # no word from the window in 30 s: reported below
            continue
        data = os.read(out, 65536)
        if not data:
            break
        take(data)
    tagger.send_signal(signal.SIGKILL)
    # What the window wrote before the kill and was not read yet was reported all the same.
    rest, stderr = tagger.communicate()
    take(rest)
    return lines, tagger.returncode, stderr.decode(errors="replace")


def main():
    rng = random.Random(SEED)
    results = []
    tmp = tempfile.mkdtemp(prefix="sigla-crash-window-", dir=scratch_dir())
    try:
        project = os.path.join(tmp, "window.sigla")
        letter = os.path.join(tmp, "letter.txt")
        with open(letter, "w", encoding="utf-8") as f:
            for n in range(3000):
                f.write(f"Telegram {n}: Filippov to Mao Zedong about the talks at Kaesong.\n")
        made = cli("init", project)
        imported = cli("import", project, letter)
        results.append(("a project with a long document", made.returncode == 0 and imported.returncode == 0,
                        made.stderr + imported.stderr))

        export = os.path.join(tmp, "corpus.xml")
        reported = {}
        problems = []
        killed = 0
        for cycle in range(KILLS):
            lines, status, errors = run_until_killed(project, export, rng, reported)
            if status == -signal.SIGKILL:
                killed += 1
            elif "done" not in lines:
                problems.append(f"cycle {cycle}: the window exited with {status}: {errors.strip()[-300:]}")
            stored = spans(project)
            problems += [f"cycle {cycle}: {p}" for p in check_whole(project)]
            expected = {span for span, tagged in reported.items() if tagged}
            # The tag or the undo under way at the kill may be in the file or not; nothing else.
            differ = stored ^ expected
            if len(differ) > 1:
                problems.append(f"cycle {cycle}: the project and what the window reported differ by "
                                f"{len(differ)} tags, e.g. {sorted(differ)[:3]}")
            for span in differ:
                reported[span] = span in stored
            if os.path.exists(export):
                try:
                    ElementTree.parse(export)
                except ElementTree.ParseError as error:
                    problems.append(f"cycle {cycle}: {export} is not whole: {error}")

        print(f"# seed {SEED} (SIGLA_CRASH_SEED={SEED} replays the choices); {killed} kills, "
              f"{len(reported)} words tagged, {sum(not t for t in reported.values())} of them undone; "
              f"the export {'written' if os.path.exists(export) else 'never finished'}", flush=True)
        results.append((f"{KILLS} windows killed while tagging, undoing, exporting: every reported tag and "
                        "undo kept, the project and the export whole",
                        not problems and killed > 0, "; ".join(problems[:5])))

        before = len(spans(project))
        undone = cli("undo", project)
        after = len(spans(project))
        results.append(("undo still works after the kills",
                        undone.returncode == 0 and after == before - 1 and not check_whole(project),
                        f"undo: exit {undone.returncode} {undone.stderr.strip()}; {before} → {after} tags"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return print_tap(results)


if __name__ == "__main__":
    raise SystemExit(main())
