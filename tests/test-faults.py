#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# test-faults.py: writes that fail (a full disk through a file-size limit, a read-only folder),
# reading on a full disk, a file cut short while it is imported, an export over a private file,
# damaged project files (cut short, bytes flipped), and several sigla-cli processes writing to one
# project at once. Each failure is reported with the file and the reason, and the project is left
# exactly as it was. Speaks TAP.

import hashlib
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

from siglatest import CLI, check_whole, cli, read_state, print_tap, scratch_dir

SEEDS = os.environ["SIGLA_SEEDS_DIR"]
SEED = int(os.environ.get("SIGLA_FAULTS_SEED", random.SystemRandom().randrange(1 << 32)))
WRITERS = 3
WRITE_SECONDS = 4
results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def limited(max_bytes):
    """A full disk, as the process sees it: writes past @max_bytes fail with EFBIG. SIGXFSZ is
    ignored, as a shell's `trap '' XFSZ; ulimit -f` would, or the kernel would kill the process."""
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))
    return apply


def as_nobody():
    # Root writes anywhere: the read-only checks run as an ordinary user.
    if os.geteuid() == 0:
        os.setgid(65534)
        os.setuid(65534)


def new_project(folder, name="faults.sigla"):
    project = os.path.join(folder, name)
    cli("init", project)
    seeds = sorted(os.path.join(SEEDS, f) for f in os.listdir(SEEDS) if f.endswith(".txt"))
    cli("import", project, *seeds)
    person = cli("entity", "add", project, "--kind", "person", "--name", "Nam Il").stdout.strip()
    cli("tag", project, "1", "0", "5", "--entity", person)
    return project


def big_text(folder, size):
    rng = random.Random(SEED)
    path = os.path.join(folder, "big.txt")
    with open(path, "w", encoding="utf-8") as f:
        while f.tell() < size:
            f.write(" ".join(rng.choice(["truce", "Kaesong", "cable", "parallel"]) for _ in range(80)) + "\n\n")
    return path


def test_full_disk(tmp):
    project = new_project(tmp)
    state = read_state(project)
    big = big_text(tmp, 2_000_000)
    limit = max(os.path.getsize(project), os.path.getsize(project + "-wal")) + 64 * 1024

    done = subprocess.run([CLI, "import", project, big], capture_output=True, text=True,
                          preexec_fn=limited(limit))
    check("full disk: the import is refused, naming the project and the reason",
          done.returncode == 1 and project in done.stderr and "disk is full" in done.stderr and
          not done.stdout, f"exit {done.returncode}: {done.stderr.strip()} / {done.stdout.strip()}")
    check("full disk: the project is as it was, whole", read_state(project) == state and
          not check_whole(project), repr(check_whole(project)))
    reopened = cli("tag", project, "1", "10", "20", "--date", "1951-07-10")
    check("full disk: once there is room the next edit works", reopened.returncode == 0, reopened.stderr)

    out = os.path.join(tmp, "out")
    os.mkdir(out)
    target = os.path.join(out, "corpus.xml")
    cli("import", project, big)
    done = subprocess.run([CLI, "export", project, "--format", "tei", "-o", target],
                          capture_output=True, text=True, preexec_fn=limited(256 * 1024))
    check("full disk: the export is refused, naming the file, and leaves nothing behind",
          done.returncode == 1 and target in done.stderr and os.listdir(out) == [],
          f"{done.stderr.strip()}; left {os.listdir(out)}")


def test_full_disk_reading(tmp):
    """With no room beside the project for the index a reader writes (the WAL's "-shm", 32 KB), it
    is still read, searched and exported to another disk; an edit is refused with the reason."""
    project = new_project(tmp)
    note = os.path.join(tmp, "note.txt")
    with open(note, "w", encoding="utf-8") as f:
        f.write("A short note from Kaesong on the truce talks.\n")
    doc = cli("import", project, note).stdout.split("\t")[0]
    out = os.path.join(tmp, "elsewhere")
    os.mkdir(out)
    target = os.path.join(out, "note.xml")
    for leftover in (project + "-shm", project + "-wal"):
        if os.path.exists(leftover):
            os.remove(leftover)
    full = limited(30_000)
    runs = {args[0]: subprocess.run([CLI, *args], capture_output=True, text=True, preexec_fn=full)
            for args in (["stats", project], ["search", project, "Kaesong"],
                         ["export", project, "--format", "tei", "--doc", doc, "-o", target],
                         ["tag", project, "1", "0", "5", "--date", "1951"])}
    for command in ("stats", "search", "export"):
        run = runs[command]
        check(f"full disk: {command} still works, and says the disk is full",
              run.returncode == 0 and "is full" in run.stderr and project in run.stderr,
              f"exit {run.returncode}: {run.stderr.strip()}")
    check("full disk: the export to another disk is whole", os.path.exists(target) and
          open(target, encoding="utf-8").read().rstrip().endswith("</TEI>"))
    check("full disk: an edit is refused, saying the disk is full",
          runs["tag"].returncode == 1 and "disk is full" in runs["tag"].stderr, runs["tag"].stderr.strip())


def test_shrinking_import(tmp):
    """A file cut short while it is imported (another program rewrites it, a stick is pulled):
    imported whole as it was read, or refused naming it; never a crash (a mapped file gives SIGBUS)."""
    project = new_project(tmp)
    rng = random.Random(SEED)
    source = big_text(tmp, 48_000_000)
    outcomes = []
    for attempt in range(6):
        moving = os.path.join(tmp, f"moving-{attempt}.txt")
        shutil.copy(source, moving)
        run = subprocess.Popen([CLI, "import", project, moving], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
        time.sleep(rng.uniform(0.0, 0.15))
        os.truncate(moving, 1_000_000)
        out, err = run.communicate()
        outcomes.append((run.returncode, err.strip()))
        os.remove(moving)
    print(f"# cut while imported: {[code for code, _ in outcomes]}")
    check("cut while imported: no crash, and a refusal names the file",
          all(code == 0 or (code == 1 and "moving-" in err) for code, err in outcomes), repr(outcomes))
    check("cut while imported: the project is whole", not check_whole(project), repr(check_whole(project)))


def test_export_keeps_access(tmp):
    """An export written over a private file keeps it private (its mode and its group)."""
    project = new_project(tmp)
    target = os.path.join(tmp, "private.json")
    with open(target, "w") as f:
        f.write("{}")
    os.chmod(target, 0o600)
    group = 100 if os.geteuid() == 0 else os.getgid()
    if os.geteuid() == 0:
        os.chown(target, -1, group)
    done = cli("export", project, "--format", "geojson", "-o", target)
    mode = os.stat(target).st_mode & 0o7777
    check("export over a private file: it stays 0600, in its group",
          done.returncode == 0 and mode == 0o600 and os.stat(target).st_gid == group,
          f"exit {done.returncode} {done.stderr.strip()}: mode {oct(mode)}, group {os.stat(target).st_gid}")


def test_read_only_folder(tmp):
    folder = os.path.join(tmp, "ro")
    os.mkdir(folder)
    project = new_project(folder)
    os.chmod(folder, 0o555)
    before = sha256(project)
    done = subprocess.run([CLI, "tag", project, "1", "0", "5", "--date", "1951"], capture_output=True,
                          text=True, preexec_fn=as_nobody)
    check("read-only folder: an edit is refused, naming the project and the reason",
          done.returncode == 1 and project in done.stderr and "read-only" in done.stderr, done.stderr.strip())
    check("read-only folder: the project keeps every byte", sha256(project) == before)

    os.chmod(folder, 0o755)
    # A project the ordinary user may read and write, exported into a folder it may not write.
    writable = new_project(tmp)
    os.chmod(tmp, 0o777)
    for name in os.listdir(tmp):
        if name.startswith("faults.sigla"):
            os.chmod(os.path.join(tmp, name), 0o666)
    target = os.path.join(folder, "corpus.xml")
    os.chmod(folder, 0o555)
    done = subprocess.run([CLI, "export", writable, "--format", "tei", "-o", target], capture_output=True,
                          text=True, preexec_fn=as_nobody)
    check("read-only folder: an export into it is refused, naming the file, and makes nothing",
          done.returncode == 1 and target in done.stderr and not os.path.exists(target), done.stderr.strip())
    os.chmod(folder, 0o755)


def damage_cases(project, rng):
    """(name, bytes): the project cut short and with bytes flipped, as a bad disk or copy leaves it."""
    with open(project, "rb") as f:
        data = f.read()
    page = int.from_bytes(data[16:18], "big")
    pages = len(data) // page
    # The flipped bytes land in a b-tree page's header and cell pointers, the structure SQLite can
    # check: it keeps no checksum of the values themselves, nor of overflow pages' contents. So the
    # page is one of the b-tree pages (types 2, 5, 10, 13) in the middle of the file, and its type
    # byte is among those flipped.
    btree = [p for p in range(1, pages) if data[p * page] in (2, 5, 10, 13)]
    flipped = bytearray(data)
    target = btree[rng.randrange(len(btree) // 3, max(2 * len(btree) // 3, len(btree) // 3 + 1))] * page
    for offset in [target] + rng.sample(range(target + 1, target + 32), 11):
        flipped[offset] ^= rng.randrange(1, 256)
    return [
        ("cut in the middle of a page", data[:len(data) // 2 + 123]),
        ("cut at a page boundary", data[:(pages // 2) * page]),
        ("bytes flipped in the middle", bytes(flipped)),
    ]


def test_damaged(tmp):
    rng = random.Random(SEED)
    project = new_project(tmp, "good.sigla")
    big = big_text(tmp, 300_000)
    cli("import", project, big)
    cli("stats", project)      # the last close checkpoints the log into the file
    for name, data in damage_cases(project, rng):
        damaged = os.path.join(tmp, "damaged.sigla")
        for leftover in (damaged, damaged + "-wal", damaged + "-shm", damaged + ".v0.bak"):
            if os.path.exists(leftover):
                os.remove(leftover)
        with open(damaged, "wb") as f:
            f.write(data)
        before = sha256(damaged)
        opened = cli("stats", damaged)
        edited = cli("entity", "add", damaged, "--kind", "place", "--name", "Kaesong")
        check(f"damaged ({name}): reading and writing are refused, naming the file as damaged",
              all(r.returncode == 1 and damaged in r.stderr and "damaged" in r.stderr for r in (opened, edited)),
              f"{opened.stderr.strip()} / {edited.stderr.strip()}")
        check(f"damaged ({name}): the file keeps every byte", sha256(damaged) == before)

        shutil.copy(project, damaged + ".v0.bak")
        offered = cli("stats", damaged)
        check(f"damaged ({name}): the message names the last good copy",
              offered.returncode == 1 and damaged + ".v0.bak" in offered.stderr, offered.stderr.strip())


def writer(project, document, length, entity, seconds, log):
    """Adds mentions and now and then an entity until time is up, logging what succeeded and how
    what failed was reported."""
    rng = random.Random(SEED + entity)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if rng.random() < 0.1:
            done = cli("entity", "add", project, "--kind", "org", "--name", f"Writer {entity}")
            kind = "entity"
        else:
            start = rng.randrange(0, length - 10)
            done = cli("tag", project, str(document), str(start), str(start + 5), "--entity", str(entity))
            kind = "mention"
        if done.returncode == 0:
            log["ok"].append((kind, int(done.stdout)))
        else:
            log["failed"].append(done.stderr.strip())


def run_writers(project, document, length, entities, undo_log=None):
    logs = [{"ok": [], "failed": []} for _ in entities]
    threads = [threading.Thread(target=writer, args=(project, document, length, e, WRITE_SECONDS, log))
               for e, log in zip(entities, logs)]
    for thread in threads:
        thread.start()
    if undo_log is not None:
        # Undo while the others add: each undo takes the newest action in the file, whoever made it.
        time.sleep(0.5)
        for _ in range(8):
            done = cli("undo", project)
            undo_log.append(done.stdout.strip() if done.returncode == 0 else "failed: " + done.stderr.strip())
            time.sleep(0.2)
    for thread in threads:
        thread.join()
    return logs


def test_two_writers(tmp):
    project = new_project(tmp, "shared.sigla")
    length = len(cli("show", project, "1").stdout) - 1
    entities = [int(cli("entity", "add", project, "--kind", "person", "--name", f"Delegate {i}").stdout)
                for i in range(WRITERS)]
    logs = run_writers(project, 1, length, entities)
    _, _, mentions = read_state(project)
    found_entities = read_state(project)[0]
    succeeded = [item for log in logs for item in log["ok"]]
    failed = [message for log in logs for message in log["failed"]]
    missing = [(kind, i) for kind, i in succeeded
               if (kind == "mention" and i not in mentions) or (kind == "entity" and i not in found_entities)]
    print(f"# {WRITERS} writers for {WRITE_SECONDS} s: {len(succeeded)} edits succeeded, {len(failed)} refused")
    check(f"{WRITERS} writers at once: every edit that succeeded is in the project", succeeded and not missing,
          f"{len(missing)} of {len(succeeded)} missing")
    check(f"{WRITERS} writers at once: a refused edit says the project is in use",
          all("in use by another program" in m and project in m for m in failed), repr(failed[:2]))
    check(f"{WRITERS} writers at once: the project is whole", not check_whole(project), repr(check_whole(project)))

    before = len(mentions)
    undone = []
    logs = run_writers(project, 1, length, entities[:2], undone)
    _, _, mentions = read_state(project)
    added = sum(1 for log in logs for kind, _ in log["ok"] if kind == "mention")
    undone_tags = sum(1 for line in undone if line.startswith("Undone: Tag"))
    print(f"# undo while 2 others add: {added} mentions added, undone: {undone}")
    check("undo while others add: each undo took back one newest action, and nothing else changed",
          len(mentions) == before + added - undone_tags and all(not u.startswith("failed") for u in undone),
          f"{len(mentions)} != {before} + {added} - {undone_tags}: {undone}")
    check("undo while others add: the project is whole", not check_whole(project), repr(check_whole(project)))


def main():
    print(f"# seed {SEED} (SIGLA_FAULTS_SEED={SEED} replays it)")
    for test in (test_full_disk, test_full_disk_reading, test_shrinking_import, test_export_keeps_access,
                 test_read_only_folder, test_damaged, test_two_writers):
        with tempfile.TemporaryDirectory(dir=scratch_dir()) as tmp:
            os.chmod(tmp, 0o755)
            test(tmp)
    return print_tap(results)


if __name__ == "__main__":
    sys.exit(main())
