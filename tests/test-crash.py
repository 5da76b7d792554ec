#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# test-crash.py: sigla-cli killed with SIGKILL at random moments of real work (batch imports,
# thousands of tags, undo, redo, TEI export), and the project checked after every kill: it opens,
# integrity_check is ok, it holds exactly what the commands that succeeded made (plus, or minus,
# the killed one, whole or not at all), no document is half there, the export (one file, or a
# folder of them) is absent or whole, and undo and redo still work. Speaks TAP.
# SIGLA_CRASH_SEED=N replays a run's choices (the kill moments also depend on timing, so a replay
# lands close, not exactly).

import copy
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

from siglatest import CLI, check_whole, cli, connect, read_state, print_tap, scratch_dir

SEEDS = os.environ["SIGLA_SEEDS_DIR"]
# Under ASan every command is about three times slower: fewer tags a cycle keep the run short.
SANITIZED = os.environ.get("SIGLA_TEST_SANITIZED") == "1"
TAGS_PER_CYCLE = 10 if SANITIZED else 25
KILLS = 50
MAX_CYCLES = 200
WORDS = ("armistice truce parallel delegation cable comrade ceasefire Kaesong Panmunjom Filippov "
         "Gaeseong negotiation proposal prisoners demarcation line commission séance Ли Кэнун").split()


class Model:
    """What the project must hold: the effects of every command that reported success, with the
    undo and redo stacks that the project's journal keeps."""

    def __init__(self):
        self.entities = set()
        self.documents = {}     # id -> (source_name, source_sha256)
        self.mentions = {}      # id -> (document, start, end, entity)
        self.undo = []          # actions: {"entities": {...}, "documents": {...}, "mentions": {...}}
        self.redo = []

    def state(self):
        return (frozenset(self.entities), dict(self.documents), dict(self.mentions))

    def _apply(self, action, add):
        for name in ("entities", "documents", "mentions"):
            target = getattr(self, name)
            for key in action.get(name, {}):
                if add:
                    if isinstance(target, set):
                        target.add(key)
                    else:
                        target[key] = action[name][key]
                elif isinstance(target, set):
                    target.discard(key)
                else:
                    del target[key]

    def act(self, action):
        self._apply(action, True)
        self.undo.append(action)
        self.redo.clear()

    def step_undo(self):
        action = self.undo.pop()
        self._apply(action, False)
        self.redo.append(action)

    def step_redo(self):
        action = self.redo.pop()
        self._apply(action, True)
        self.undo.append(action)


def write_document(folder, number, rng):
    """A text file of 10 to 60 KB with a word found in no other: the search index must find it."""
    paragraphs = []
    size = 0
    target = rng.randint(10_000, 60_000)
    while size < target:
        paragraph = " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 120)))
        paragraphs.append(paragraph)
        size += len(paragraph.encode()) + 2
    path = os.path.join(folder, f"doc-{number:04d}.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"# Report {number}\n\ncrashword{number} " + "\n\n".join(paragraphs) + "\n")
    return path


class Driver:
    def __init__(self, tmp, seed):
        self.rng = random.Random(seed)
        self.tmp = tmp
        self.project = os.path.join(tmp, "crash.sigla")
        self.inputs = os.path.join(tmp, "in")
        self.exports = os.path.join(tmp, "out")
        self.export_path = os.path.join(self.exports, "corpus.xml")
        self.folder_exports = os.path.join(tmp, "out-folder")
        os.mkdir(self.inputs)
        os.mkdir(self.exports)
        os.mkdir(self.folder_exports)
        self.model = Model()
        self.lengths = {}
        self.next_file = 0
        self.durations = {}
        self.stats = {"kills": 0, "finished before the kill": 0, "cycles": 0, "tags": 0,
                      "imports": 0, "undos": 0, "redos": 0, "exports": 0,
                      "temp files left by killed exports": 0, "checks of undo and redo": 0}
        self.outcomes = {}
        self.failures = {}

    # Running commands.

    def command(self, kind):
        """The arguments of the next command of @kind and the action it makes, if it succeeds."""
        if kind == "tag":
            if not self.model.documents:
                return None
            doc = self.rng.choice(sorted(self.model.documents))
            length = self.lengths[doc]
            start = self.rng.randrange(0, length - 1)
            end = min(length, start + self.rng.randint(1, 40))
            if self.model.entities:
                entity = self.rng.choice(sorted(self.model.entities))
                return ["tag", self.project, str(doc), str(start), str(end), "--entity", str(entity)], \
                    ("tag", (doc, start, end, entity))
            return ["tag", self.project, str(doc), str(start), str(end), "--date", "1951-07-10"], \
                ("tag", (doc, start, end, None))
        if kind == "import":
            files = [write_document(self.inputs, self.next_file + i, self.rng)
                     for i in range(self.rng.randint(1, 5))]
            self.next_file += len(files)
            return ["import", self.project, *files], ("import", [os.path.basename(f) for f in files])
        if kind == "export":
            return ["export", self.project, "--format", "tei", "-o", self.export_path,
                    "--annotator", "Crash Test"], ("export", None)
        if kind == "export-folder":
            return ["export", self.project, "--format", "tei", "-o", self.folder_exports,
                    "--annotator", "Crash Test"], ("export", None)
        return [kind, self.project], (kind, None)

    def timing_key(self, args):
        """Which command @args is, for its time: a folder export takes longer than one file."""
        return "export-folder" if self.folder_exports in args else args[0]

    def run(self, args):
        started = time.monotonic()
        done = subprocess.run([CLI, *args], capture_output=True, text=True)
        self.durations.setdefault(self.timing_key(args), []).append(time.monotonic() - started)
        return done

    def record(self, what, done):
        """A command that finished: its effect goes into the model if it reported success."""
        kind, detail = what
        if done.returncode != 0:
            if kind not in ("undo", "redo") or "nothing to" not in done.stderr:
                self.fail("every command that was not killed succeeds",
                          f"{kind}: exit {done.returncode}: {done.stderr.strip()}")
            return
        if kind == "tag":
            self.model.act({"mentions": {int(done.stdout): detail}})
            self.stats["tags"] += 1
        elif kind == "import":
            state = read_state(self.project)
            new = {int(line.split("\t")[0]) for line in done.stdout.splitlines()}
            self.model.act({"documents": {i: state[1][i] for i in new}})
            self.note_lengths(new)
            self.stats["imports"] += 1
        elif kind == "undo":
            self.model.step_undo()
            self.stats["undos"] += 1
        elif kind == "redo":
            self.model.step_redo()
            self.stats["redos"] += 1
        elif kind == "export":
            self.stats["exports"] += 1

    def note_lengths(self, ids):
        with connect(self.project) as db:
            for doc in ids:
                self.lengths[doc] = db.execute("SELECT length FROM documents WHERE id = ?",
                                               (doc,)).fetchone()[0]
        db.close()

    def killed(self, what, before):
        """After a kill: the project holds the model as it was, or with the killed command's
        whole effect. Returns which, or None if neither."""
        kind, detail = what
        actual = read_state(self.project)
        if actual == before.state():
            return "not committed"
        after = copy.deepcopy(before)
        if kind == "tag":
            new = {i: m for i, m in actual[2].items() if i not in before.mentions}
            if len(new) != 1 or list(new.values())[0] != detail:
                return None
            after.act({"mentions": new})
        elif kind == "import":
            new = {i: d for i, d in actual[1].items() if i not in before.documents}
            if sorted(d[0] for d in new.values()) != sorted(detail):
                return None
            after.act({"documents": new})
            self.note_lengths(new)
        elif kind == "undo" and before.undo:
            after.step_undo()
        elif kind == "redo" and before.redo:
            after.step_redo()
        if actual != after.state():
            return None
        self.model = after
        return "committed"

    # Checks.

    def fail(self, check, detail):
        self.failures.setdefault(check, detail)

    def check_export(self):
        names = os.listdir(self.exports)
        temps = [n for n in names if n.startswith(".corpus.xml.")]
        others = [n for n in names if n not in temps and n != "corpus.xml"]
        if others:
            self.fail("nothing but the export and its temporary files in the export folder", repr(others))
        self.stats["temp files left by killed exports"] += len(temps)
        for name in temps:
            os.remove(os.path.join(self.exports, name))
        if "corpus.xml" in names:
            try:
                root = ET.parse(self.export_path).getroot()
                if not root.tag.endswith("teiCorpus"):
                    self.fail("the export is absent or whole", f"root {root.tag}")
            except ET.ParseError as e:
                self.fail("the export is absent or whole", f"{self.export_path}: {e}")

        # One file a document: each under its name whole, or not there; temporary files beside.
        for name in os.listdir(self.folder_exports):
            path = os.path.join(self.folder_exports, name)
            if name.startswith("."):
                self.stats["temp files left by killed exports"] += 1
                os.remove(path)
                continue
            try:
                root = ET.parse(path).getroot()
                if not root.tag.endswith("}TEI"):
                    self.fail("each file of a folder export is absent or whole", f"{name}: root {root.tag}")
            except ET.ParseError as e:
                self.fail("each file of a folder export is absent or whole", f"{name}: {e}")

    def check_after_kill(self):
        opened = cli("stats", self.project, "--json")
        if opened.returncode != 0:
            self.fail("the project opens after every kill", opened.stderr.strip())
            return False
        for problem in check_whole(self.project):
            self.fail("integrity ok, every document whole, no action left open", problem)
        self.check_export()

        # Undo then redo: the newest action goes, then comes back exactly.
        state = read_state(self.project)
        if state != self.model.state():
            self.fail("the project holds exactly what succeeded", "state differs from the model")
            return False
        undone = cli("undo", self.project)
        if not self.model.undo:
            if undone.returncode == 0:
                self.fail("undo and redo still work", "undo succeeded with nothing to undo")
            return True
        expected = copy.deepcopy(self.model)
        expected.step_undo()
        if undone.returncode != 0 or read_state(self.project) != expected.state():
            self.fail("undo and redo still work", f"undo: {undone.stderr.strip()}")
            return False
        redone = cli("redo", self.project)
        if redone.returncode != 0 or read_state(self.project) != state:
            self.fail("undo and redo still work", f"redo: {redone.stderr.strip()}")
            return False
        self.stats["checks of undo and redo"] += 1
        return True

    # The loop.

    def setup(self):
        assert cli("init", self.project).returncode == 0
        for kind, name in (("person", "Nam Il"), ("place", "Kaesong"), ("org", "Chinese People's Volunteers")):
            done = cli("entity", "add", self.project, "--kind", kind, "--name", name)
            self.model.act({"entities": {int(done.stdout): None}})
        seeds = sorted(os.path.join(SEEDS, f) for f in os.listdir(SEEDS) if f.endswith(".txt"))
        self.record(("import", None), self.run(["import", self.project, *seeds]))

    def kill_delay(self, kind):
        """A moment inside the command's usual run: from its start to a little past its mean."""
        runs = self.durations.get(kind, [0.05])
        return self.rng.uniform(0, 1.3 * sum(runs) / len(runs))

    def cycle(self):
        # Work that completes: tags, and now and then one of the other commands.
        for _ in range(TAGS_PER_CYCLE):
            args, what = self.command("tag")
            self.record(what, self.run(args))
        extra = self.rng.choice(["import", "undo", "redo", "export", "undo", "export-folder"])
        args, what = self.command(extra)
        self.record(what, self.run(args))

        # One command killed at a random moment.
        kind = self.rng.choices(["import", "tag", "undo", "redo", "export", "export-folder"],
                                [35, 25, 20, 5, 10, 5])[0]
        args, what = self.command(kind)
        before = copy.deepcopy(self.model)
        delay = self.kill_delay(self.timing_key(args))
        started = time.monotonic()
        process = subprocess.Popen([CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            process.communicate()
            self.stats["kills"] += 1
            outcome = self.killed(what, before)
            if outcome is None:
                self.fail("after a kill the project holds what succeeded, and the killed command "
                          "wholly or not at all", f"{kind} killed after {delay * 1000:.1f} ms")
                return False
            self.outcomes[(kind, outcome)] = self.outcomes.get((kind, outcome), 0) + 1
        else:
            stdout, stderr = process.communicate()
            self.durations.setdefault(self.timing_key(args), []).append(time.monotonic() - started)
            self.stats["finished before the kill"] += 1
            self.record(what, subprocess.CompletedProcess(args, process.returncode, stdout, stderr))
        return self.check_after_kill()


def main():
    seed = int(os.environ.get("SIGLA_CRASH_SEED", random.SystemRandom().randrange(1 << 32)))
    print(f"# seed {seed} (SIGLA_CRASH_SEED={seed} replays it)")
    checks = [
        "every command that was not killed succeeds",
        "the project opens after every kill",
        "integrity ok, every document whole, no action left open",
        "after a kill the project holds what succeeded, and the killed command wholly or not at all",
        "the project holds exactly what succeeded",
        "the export is absent or whole",
        "each file of a folder export is absent or whole",
        "nothing but the export and its temporary files in the export folder",
        "undo and redo still work",
    ]
    with tempfile.TemporaryDirectory(dir=scratch_dir()) as tmp:
        driver = Driver(tmp, seed)
        driver.setup()
        while driver.stats["kills"] < KILLS and driver.stats["cycles"] < MAX_CYCLES:
            driver.stats["cycles"] += 1
            if not driver.cycle():
                break
        size = os.path.getsize(driver.project)

    for name, value in driver.stats.items():
        print(f"# {name}: {value}")
    for (kind, outcome), count in sorted(driver.outcomes.items()):
        print(f"# killed {kind}: {outcome} {count}")
    print(f"# project: {len(driver.model.documents)} documents, {len(driver.model.mentions)} mentions, "
          f"{size / 1e6:.1f} MB")

    results = [(name, name not in driver.failures, driver.failures.get(name, "")) for name in checks]
    results.append((f"at least {KILLS} kills", driver.stats["kills"] >= KILLS,
                    f"{driver.stats['kills']} in {driver.stats['cycles']} cycles"))
    return print_tap(results)

if __name__ == "__main__":
    sys.exit(main())
