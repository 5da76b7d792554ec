#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# test-atspi.py: end to end through AT-SPI, as a screen reader or a test robot drives Sigla.
#
# Opens a fresh project holding seed 004 in the real window, selects "FILIPPOV" through the
# text view's accessible Text interface, presses P, types "Joseph Stalin" and Enter in the
# tagging popover, and checks with sigla-cli that the project file holds the person and the
# mention over FILIPPOV. Saves a screenshot, atspi-tagged.png, in SIGLA_SCREENSHOT_DIR; sets
# a preference by keys and another by its Value.
#
# Then the part done by AT-SPI actions, text selection and text setting alone: no key is
# synthesized (press() refuses to). It selects "KIM IL SUNG" through the Text interface,
# clicks the header's "Person", sets the popover's "Name" entry through EditableText and
# activates the row "New person “Kim Il Sung”"; selects a sentence, clicks "Claim", sets the
# entry to "Kim" and activates the existing person's row, so the claim is written in the
# window; opens that claim from the Claims panel, sets its stance and certainty by the combo
# rows' choose.X actions; clicks the header's Undo, which undoes the certainty; exports the
# project as TEI through the main menu's item and GTK's own file chooser (its "Name:" entry
# set through EditableText, its "Export" button clicked), and reads the file. Each change is
# checked with sigla-cli or in the file. Last it walks the window's whole accessible tree, with
# the lists shown, then an entity editor, then a claim editor: every node that takes the focus
# or is a control must have a name a screen reader can speak (not empty, not a class's name,
# no mnemonic underscore), every list row an action to activate it, and the editor not shown
# must not be in the tree. Then, from a person's editor, it tags every KIM IL SUNG left and
# relates the person to Joseph Stalin through the Add… popover's list. Speaks TAP.
#
# Run it with the system Python (python3-gi, gir1.2-atspi-2.0). It gives itself a display
# and a session bus of its own: it starts Xvfb (xvfb) on a free display, then runs itself
# again under dbus-run-session (dbus-bin), where the session bus starts the accessibility
# bus and its registry (at-spi2-core) on demand. So its keystrokes reach no other window,
# even with other GUI tests running beside it, and nothing of it outlives the test.
# The screenshot is taken with ImageMagick's import (imagemagick).
#
# Known GTK 4.8 quirks it works around: the Component interface's GrabFocus is not
# supported (the robot tabs to the text instead, as a keyboard user does); the text view's
# AddSelection replies with the wrong type (a short reply timeout, then GetSelection checks
# that it took effect); entries and labels answer GetText (0, -1) with "" (it asks for the
# character count); every node says it is visible and none but a window that it is showing,
# so a page that is not shown can only be told by its absence from the tree; the Action
# interface offers only a widget's own actions without parameter (Sigla gives rows
# "row.activate", combo rows a "choose." action for each choice).
#
# Environment: SIGLA_APP (the sigla binary), SIGLA_CLI, SIGLA_SEEDS_DIR, SIGLA_SCREENSHOT_DIR
# (default: the current folder); GSETTINGS_SCHEMA_DIR (the build tree's data/) and
# GSETTINGS_BACKEND=memory for the app; SIGLA_TEI_SCHEMA, with jing installed, to validate the
# exported TEI too.

import csv
import faulthandler
import glob
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from xml.etree import ElementTree

INNER = "SIGLA_ATSPI_INNER"      # set in the second run: the private folder
TAP_FD = "SIGLA_ATSPI_TAP_FD"    # where that run writes TAP (the daemons on the bus print too)
WORD = "FILIPPOV"
NAME = "Joseph Stalin"
SPEAKER_WORDS = "KIM IL SUNG"
SPEAKER = "Kim Il Sung"
SPEAKER_TYPED = "Kim"
CLAIMED = "We propose as a meeting place the 38th parallel in the area of the city of Gaesong."
STEPS = [
    "a fresh project holds seed 004",
    "the app is on the accessibility desktop",
    "the text view \"Document text\" shows FILIPPOV",
    "the text view takes the focus",
    "AddSelection selects FILIPPOV (checked with GetSelection)",
    "P opens the tagging popover, its \"Name\" entry focused",
    "typing the name and Enter adds the person",
    "the project holds one mention, over FILIPPOV, of that person",
    "a screenshot is saved",
    "Ctrl+, opens the preferences, with the project's \"Other Editions’ Alternatives\"",
    "choosing the diplomatic reading by keyboard sets it in the project file",
    "the spin button \"Undo Steps Kept\" set to 50 through its Value sets the project's history limit",
    "no keys from here: AddSelection selects KIM IL SUNG (checked with GetSelection)",
    "the header's \"Person\", clicked, opens the tagging popover, its \"Name\" entry holding the words",
    "the entry's EditableText set to the name lists a row \"New person …\", every control named",
    "the row's action row.activate adds the person and the mention over KIM IL SUNG (sigla-cli)",
    "AddSelection selects the sentence claimed",
    "the header's \"Claim\", clicked, opens the popover; the entry set to \"Kim\" lists the person",
    "the person's row.activate writes the claim, over the sentence, spoken by that person (sigla-cli)",
    "the Claims tab, clicked, lists the claim written in the window, in a row named after it",
    "the row's action row.activate opens the claim editor, and the lists leave the tree",
    "the Stance's action choose.proposes sets the claim's stance (checked with sigla-cli)",
    "the Certainty's action choose.high sets the claim's certainty (checked with sigla-cli)",
    "the header's Undo, clicked, undoes the certainty (sigla-cli), the editor and a toast say so",
    "the claim editor's Back button returns to the lists",
    "the main menu's \"Export Project as TEI…\", clicked, opens GTK's file chooser",
    "its \"Name:\" set through EditableText and \"Export\" clicked write the TEI, with both tags; a toast says so",
    "every control of the window has a name, the lists shown",
    "... with an entity editor open from the People panel, the claim editor out of the tree",
    "... with a claim editor open from the Claims panel, the entity editor out of the tree",
    "a person's editor's \"Tag All…\", clicked, lists every KIM IL SUNG; every control of the dialog named",
    "its \"Tag 2\", clicked, tags the two left as mentions of the person (sigla-cli); a toast says so",
    "the editor's \"Add a relation\" and the row \"Joseph Stalin\" relate them as the first kind, \"writes to\" "
    "(sigla-cli); the editor lists it; every control of the popover named",
]


tap = sys.stdout


def say(line):
    print(line, file=tap, flush=True)


def log(message):
    say("# " + message.replace("\n", "\n# "))


# -- outer: a display and a session bus of our own -----------------------------------------

def start_xvfb():
    """Starts Xvfb on a free display; returns (process, ":N")."""
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24",
                             "-nolisten", "tcp", "-noreset"],
                            pass_fds=[write_fd], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    number = b""
    with os.fdopen(read_fd, "rb") as pipe:
        while not number.endswith(b"\n"):
            chunk = pipe.read(1)
            if not chunk:
                break
            number += chunk
    if not number.strip():
        xvfb.kill()
        xvfb.wait()
        return None, None
    return xvfb, ":" + number.decode().strip()


def outer():
    # Missing tools fail the test rather than skip it: a skip would hide a missing package.
    for tool, package in (("Xvfb", "xvfb"), ("dbus-run-session", "dbus-bin"),
                          ("import", "imagemagick")):
        if shutil.which(tool) is None:
            say("Bail out! %s is not installed (Debian package %s)" % (tool, package))
            return 1

    xvfb, display = start_xvfb()
    if xvfb is None:
        say("Bail out! Xvfb did not start")
        return 1

    with tempfile.TemporaryDirectory(prefix="sigla-atspi-") as home:
        env = dict(os.environ)
        for name in ("AT_SPI_BUS_ADDRESS", "NO_AT_BRIDGE", "GTK_A11Y", "WAYLAND_DISPLAY",
                     "DBUS_SESSION_BUS_ADDRESS", "GDK_BACKEND"):
            env.pop(name, None)
        runtime = os.path.join(home, "runtime")
        os.mkdir(runtime, 0o700)
        tap_fd = os.dup(sys.stdout.fileno())
        env.update({
            INNER: home,
            TAP_FD: str(tap_fd),
            "DISPLAY": display,
            "GDK_BACKEND": "x11",
            "XDG_RUNTIME_DIR": runtime,
            "XDG_CONFIG_HOME": os.path.join(home, "config"),
            "XDG_DATA_HOME": os.path.join(home, "data"),
            "XDG_CACHE_HOME": os.path.join(home, "cache"),
            "XDG_STATE_HOME": os.path.join(home, "state"),
        })
        env.setdefault("GSETTINGS_BACKEND", "memory")
        # The bus's daemons print to their standard output: keep that out of the TAP. Their
        # own process group, so that a test that hangs is ended whole, the app with it.
        inner = subprocess.Popen(["dbus-run-session", "--", sys.executable, os.path.abspath(__file__)],
                                 env=env, stdin=subprocess.DEVNULL, stdout=sys.stderr,
                                 pass_fds=[tap_fd], start_new_session=True)
        try:
            status = inner.wait(timeout=90)
            if status not in (0, 1):
                say("Bail out! the test process ended with status %d: see its standard error" % status)
        except subprocess.TimeoutExpired:
            os.killpg(inner.pid, signal.SIGKILL)
            inner.wait()
            say("Bail out! the test did not finish in 90 s")
            status = 1
        finally:
            os.close(tap_fd)
            xvfb.terminate()
            try:
                xvfb.wait(timeout=5)
            except subprocess.TimeoutExpired:
                xvfb.kill()
                xvfb.wait()
    return status


# -- inner: the test, on that display and bus ------------------------------------------------

class Failed(Exception):
    pass


class Fatal(Failed):
    """A failure that waiting longer cannot mend."""


def log_tree(obj, depth=0):
    """Logs the accessible tree under @obj, role and name, to see what a search missed."""
    if obj is None or depth > 30:
        return
    log("%s%s %r" % ("  " * depth, obj.get_role_name(), obj.get_name()))
    for i in range(obj.get_child_count()):
        log_tree(obj.get_child_at_index(i), depth + 1)


def wait_for(what, predicate, timeout=15.0, interval=0.1):
    """Polls @predicate until it returns something true; returns that, or raises Failed."""
    deadline = time.monotonic() + timeout
    last_error = None
    while True:
        try:
            value = predicate()
            if value:
                return value
        except Fatal:
            raise
        except Exception as error:  # AT-SPI objects come and go while the window is built
            last_error = error
        if time.monotonic() > deadline:
            detail = " (last error: %s)" % last_error if last_error is not None else ""
            raise Failed("timed out after %.0f s waiting for %s%s" % (timeout, what, detail))
        time.sleep(interval)


def find(root, predicate, depth=0):
    """The first accessible under @root (depth first) for which @predicate holds."""
    if root is None or depth > 60:
        return None
    try:
        if predicate(root):
            return root
        count = root.get_child_count()
    except Exception:
        return None
    for i in range(count):
        try:
            child = root.get_child_at_index(i)
        except Exception:
            continue
        found = find(child, predicate, depth + 1)
        if found is not None:
            return found
    return None


def action_names(obj):
    action = obj.get_action_iface() if "Action" in obj.get_interfaces() else None
    return [action.get_action_name(i) for i in range(action.get_n_actions())] if action else []


def do_action(obj, name):
    """Does @obj's action @name, as a screen reader or a test robot does."""
    names = action_names(obj)
    if name not in names:
        raise Failed("%s %r has no action %r, only %r" % (obj.get_role_name(), obj.get_name(), name, names))
    if not obj.get_action_iface().do_action(names.index(name)):
        raise Failed("%s %r did not do %r" % (obj.get_role_name(), obj.get_name(), name))


def check_names(root, Atspi):
    """What is wrong with the names of the controls under @root: a list of lines, and the
    number of nodes looked at."""
    controls = (Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON, Atspi.Role.CHECK_BOX,
                Atspi.Role.RADIO_BUTTON, Atspi.Role.COMBO_BOX, Atspi.Role.LIST_ITEM,
                Atspi.Role.PAGE_TAB, Atspi.Role.MENU_ITEM, Atspi.Role.ENTRY, Atspi.Role.TEXT,
                Atspi.Role.SPIN_BUTTON, Atspi.Role.SLIDER, Atspi.Role.LINK)
    problems = []
    seen = 0

    def walk(obj, path, depth):
        nonlocal seen
        if obj is None or depth > 60:
            return
        role = obj.get_role()
        name = obj.get_name() or ""
        path = "%s/%s" % (path, obj.get_role_name())
        if obj.get_state_set().contains(Atspi.StateType.FOCUSABLE) or role in controls:
            seen += 1
            wrong = None
            if not name.strip():
                wrong = "no name"
            elif re.fullmatch(r"(Gtk|Adw|Sigla)[A-Z]\w*", name):
                wrong = "named after its class"
            elif re.search(r"(^|\s)_\w", name):
                wrong = "a mnemonic's underscore in its name"
            elif role == Atspi.Role.LIST_ITEM and not any(a.endswith("activate") for a in action_names(obj)):
                wrong = "no action to activate it"
            if wrong is not None:
                problems.append("%s %r: %s (%s)" % (obj.get_role_name(), name, wrong, path))
        for i in range(obj.get_child_count()):
            walk(obj.get_child_at_index(i), path, depth + 1)

    walk(root, "", 0)
    return problems, seen


def inner():
    faulthandler.enable()
    try:
        import gi
        gi.require_version("Atspi", "2.0")
        from gi.repository import Atspi, GLib
    except (ImportError, ValueError) as error:
        say("Bail out! %s: run this with /usr/bin/python3, python3-gi and gir1.2-atspi-2.0 installed"
            % error)
        return 1

    home = os.environ[INNER]
    cli_path = os.environ["SIGLA_CLI"]
    app_path = os.environ["SIGLA_APP"]
    seeds = os.environ["SIGLA_SEEDS_DIR"]
    shots = os.environ.get("SIGLA_SCREENSHOT_DIR") or os.getcwd()
    project = os.path.join(home, "atspi.sigla")
    app = None
    app_log = open(os.path.join(home, "app.log"), "w+")
    step = 0
    began = time.monotonic()
    say("1..%d" % len(STEPS))

    def ok(detail=""):
        nonlocal step
        step += 1
        say("ok %d - %s" % (step, STEPS[step - 1]))
        log("%s%.1f s" % (detail + ", " if detail else "", time.monotonic() - began))

    def cli(*args):
        done = subprocess.run([cli_path, *args], capture_output=True, text=True, timeout=30)
        if done.returncode != 0:
            raise Failed("sigla-cli %s: exit %d: %s" % (" ".join(args), done.returncode, done.stderr.strip()))
        return done.stdout

    def screenshot(name):
        os.makedirs(shots, exist_ok=True)
        path = os.path.join(shots, name)
        # ImageMagick's import: the whole (private) screen, as a person would see it.
        done = subprocess.run(["import", "-window", "root", path], timeout=30,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if done.returncode != 0:
            raise Failed("import -window root %s: exit %d: %s" % (path, done.returncode, done.stderr.strip()))
        if not os.path.isfile(path) or os.path.getsize(path) == 0:
            raise Failed("no screenshot written to %s" % path)
        return path

    keyboard = [True]   # False once the part done by actions alone begins

    def press(keyval, string, synth_type):
        """Synthesizes a key, as Atspi.generate_keyboard_event does, in the keyboard part only."""
        if not keyboard[0]:
            raise Fatal("a key synthesized in the part done by AT-SPI actions alone")
        Atspi.generate_keyboard_event(keyval, string, synth_type)

    def is_role(obj, *roles):
        return obj.get_role() in roles

    def has_state(obj, state):
        return obj.get_state_set().contains(state)

    def text_of(obj):
        # GTK 4.8's entries and labels answer GetText (0, -1) with "": ask for the count.
        return obj.get_text(0, obj.get_character_count())

    for name in ("atspi-tagged.png", "atspi-preferences.png", "atspi-failed.png"):  # none left from an earlier run
        if os.path.exists(os.path.join(shots, name)):
            os.remove(os.path.join(shots, name))

    try:
        # 1. The project.
        cli("init", project)
        seed = sorted(glob.glob(os.path.join(seeds, "004_*.txt")))
        if not seed:
            raise Failed("no seed 004_*.txt in %s" % seeds)
        cli("import", project, seed[0])
        documents = json.loads(cli("list", project, "--json"))
        if len(documents) != 1:
            raise Failed("expected one document, the project lists %d" % len(documents))
        doc_id = str(documents[0]["id"])
        stored = json.loads(cli("show", project, doc_id, "--json"))["text"]
        word_start = stored.find(WORD)
        if word_start < 0:
            raise Failed("%s is not in the reading text of seed 004" % WORD)
        for words in (SPEAKER_WORDS, CLAIMED):
            if words not in stored:
                raise Failed("%r is not in the reading text of seed 004" % words)
        ok("document %s, %s at %d" % (doc_id, WORD, word_start))

        # 2. The app, on the accessibility desktop.
        # No longer grace for an application that has just started than for any other:
        # libatspi would otherwise wait up to that long for AddSelection's reply below.
        Atspi.set_timeout(5000, 0)
        app = subprocess.Popen([app_path, project], stdin=subprocess.DEVNULL,
                               stdout=app_log, stderr=subprocess.STDOUT)

        def application():
            if app.poll() is not None:
                raise Fatal("sigla exited with status %d" % app.returncode)
            desktop = Atspi.get_desktop(0)
            for i in range(desktop.get_child_count()):
                child = desktop.get_child_at_index(i)
                if child is not None and child.get_name() == "sigla" and child.get_process_id() == app.pid:
                    return child
            return None

        sigla = wait_for("the application \"sigla\" on the AT-SPI desktop", application, timeout=20)
        ok()

        # 3. The document's text, as a screen reader reads it.
        def text_view():
            view = find(sigla, lambda o: is_role(o, Atspi.Role.TEXT) and o.get_name() == "Document text")
            if view is None or "Text" not in view.get_interfaces():
                return None
            if WORD not in text_of(view):
                return None
            return view

        view = wait_for("the text view \"Document text\" to show %s" % WORD, text_view, timeout=20)
        text = text_of(view)
        start = text.find(WORD)
        end = start + len(WORD)
        if text != stored:
            log("the accessible text differs from `sigla-cli show` (%d and %d characters)"
                % (len(text), len(stored)))
        if start != word_start:
            raise Failed("%s at %d in the accessible text, at %d in the project" % (WORD, start, word_start))
        ok("%d characters, %s at %d..%d" % (view.get_character_count(), WORD, start, end))

        # 4. Focus. GTK 4.8 answers the Component interface's GrabFocus with NotSupported, so
        # when that fails the robot does what a keyboard user does: Tab until the text has it.
        focused = lambda: has_state(view, Atspi.StateType.FOCUSED)
        how = "GrabFocus"
        try:
            view.grab_focus()
            wait_for("the text view to be focused after GrabFocus", focused, timeout=2)
        except (GLib.Error, Failed) as error:
            if isinstance(error, GLib.Error):
                error = error.message or "an error, %s %d" % (error.domain, error.code)
            log("GrabFocus did not focus the text view (%s): tabbing to it" % error)
            for presses in range(1, 61):
                press(0xff09, None, Atspi.KeySynthType.SYM)  # Tab
                try:
                    wait_for("the focus to move", focused, timeout=0.3, interval=0.05)
                    break
                except Failed:
                    pass
            wait_for("the text view to be focused after 60 Tabs", focused, timeout=1)
            how = "%d Tab%s" % (presses, "" if presses == 1 else "s")
        ok("focused by " + how)

        # 5. The selection. GTK 4.8's AddSelection replies with the wrong type, so the call
        # waits for the reply timeout: keep it short, and read the selection back instead.
        def select(first, last):
            Atspi.set_timeout(500, 0)
            try:
                view.add_selection(first, last)
            except GLib.Error as error:
                log("AddSelection: %s (expected with GTK 4.8)" % error.message)
            Atspi.set_timeout(5000, 0)

            def selected():
                if view.get_n_selections() < 1:
                    return None
                span = view.get_selection(0)
                return span if (span.start_offset, span.end_offset) == (first, last) else None

            try:
                wait_for("GetSelection to give %d..%d" % (first, last), selected, timeout=5)
            except Failed:
                spans = [(view.get_selection(i).start_offset, view.get_selection(i).end_offset)
                         for i in range(view.get_n_selections())]
                raise Failed("after AddSelection(%d, %d), GetSelection gives %r" % (first, last, spans))

        select(start, end)
        ok()

        # 6. P: the tagging popover, its entry focused.
        press(ord("p"), None, Atspi.KeySynthType.SYM)

        def name_entry():
            entry = find(sigla, lambda o: is_role(o, Atspi.Role.ENTRY, Atspi.Role.TEXT)
                         and o.get_name() == "Name")
            return entry if entry is not None and has_state(entry, Atspi.StateType.FOCUSED) else None

        entry = wait_for("the popover's \"Name\" entry to show, focused, after P", name_entry, timeout=10)
        ok("the entry holds %r" % text_of(entry))

        # 7. The name, typed over the selected words, and Enter.
        press(0, NAME, Atspi.KeySynthType.STRING)
        wait_for("the entry to hold %r" % NAME, lambda: text_of(entry) == NAME, timeout=10)
        press(0xff0d, None, Atspi.KeySynthType.SYM)  # Return

        def person():
            for entity in json.loads(cli("entity", "list", project, "--json")):
                if entity.get("name", entity.get("label")) == NAME and entity.get("kind") == "person":
                    return entity
            return None

        stalin = wait_for("sigla-cli entity list to show the person %r" % NAME, person, timeout=15)
        ok("entity %s" % stalin.get("id"))

        # 8. The mention, over FILIPPOV, of that person.
        def one_mention():
            return json.loads(cli("stats", project, "--json")).get("mentions") == 1

        try:
            wait_for("sigla-cli stats to count one mention", one_mention, timeout=10)
        except Failed:
            raise Failed("sigla-cli stats: %s" % cli("stats", project, "--json").strip())
        export = os.path.join(home, "csv")
        os.mkdir(export)
        cli("export", project, "--format", "csv", "-o", export)
        with open(os.path.join(export, "mentions.csv"), newline="", encoding="utf-8") as f:
            mentions = list(csv.DictReader(f))
        if len(mentions) != 1:
            raise Failed("mentions.csv has %d rows: %r" % (len(mentions), mentions))
        mention = mentions[0]
        span = (int(mention["start"]), int(mention["end"]))
        if span != (start, end) or mention.get("text") != WORD or mention.get("entity_name") != NAME:
            raise Failed("the mention is %r, not %s..%s %r of %r" % (mention, start, end, WORD, NAME))
        ok("%s..%s %r -> %r" % (span[0], span[1], mention["text"], mention["entity_name"]))

        # 9. What a person sees: the popover closed, the focus back in the text, FILIPPOV
        # highlighted.
        wait_for("the focus to come back to the text view", focused, timeout=5)
        time.sleep(0.3)  # a frame or two for the highlight to be drawn
        ok(screenshot("atspi-tagged.png"))

        # 10. The preferences, by their shortcut: the project's own setting is there.
        control = 1 << 2  # X11's ControlMask
        press(control, None, Atspi.KeySynthType.LOCKMODIFIERS)
        press(ord(","), None, Atspi.KeySynthType.SYM)
        press(control, None, Atspi.KeySynthType.UNLOCKMODIFIERS)

        def reading_row():
            return find(sigla, lambda o: is_role(o, Atspi.Role.COMBO_BOX) and
                        o.get_name() == "Other Editions’ Alternatives")

        try:
            row = wait_for("the row \"Other Editions’ Alternatives\" in the preferences", reading_row, timeout=10)
        except Failed:
            log_tree(sigla)
            raise
        time.sleep(0.3)
        ok(screenshot("atspi-preferences.png"))

        # 11. Its second choice, as a keyboard user takes it: Tab to the row (GTK 4.8 has no
        # GrabFocus), Return opens its list, Down, Return chooses.
        for _ in range(12):
            if has_state(row, Atspi.StateType.FOCUSED):
                break
            press(0xff09, None, Atspi.KeySynthType.SYM)  # Tab
            time.sleep(0.15)
        if not has_state(row, Atspi.StateType.FOCUSED):
            raise Failed("Tab never reached the row \"Other Editions’ Alternatives\"")
        press(0xff0d, None, Atspi.KeySynthType.SYM)  # Return: the list opens
        time.sleep(0.5)
        press(0xff54, None, Atspi.KeySynthType.SYM)  # Down
        time.sleep(0.2)
        press(0xff0d, None, Atspi.KeySynthType.SYM)  # Return: chosen
        wait_for("the project to read other editions diplomatically",
                 lambda: cli("setting", project, "tei-reading").strip() == "diplomatic", timeout=10)
        ok()

        # 12. How much undo history the project keeps, set as a screen reader sets a number.
        try:
            steps = wait_for("the spin button \"Undo Steps Kept\"", lambda: find(
                sigla, lambda o: is_role(o, Atspi.Role.SPIN_BUTTON) and o.get_name() == "Undo Steps Kept"), timeout=10)
        except Failed:
            log_tree(sigla)
            raise
        value = steps.get_value_iface()
        if value is None or value.get_current_value() != 1000:
            raise Failed("\"Undo Steps Kept\" shows %r, not the default 1000" %
                         (value.get_current_value() if value else None))
        value.set_current_value(50)
        wait_for("the project to keep 50 undo steps",
                 lambda: cli("setting", project, "history-steps").strip() == "50", timeout=10)
        ok()

        # From here on, AT-SPI actions, text selection and text setting only: no keys. The
        # preferences are closed first.
        keyboard[0] = False
        preferences = find(sigla, lambda o: is_role(o, Atspi.Role.FRAME, Atspi.Role.DIALOG)
                           and find(o, lambda p: p.get_name() == "Undo Steps Kept") is not None)
        if preferences is not None:
            do_action(preferences, "window.close")
        window = wait_for("the window of %s" % os.path.basename(project),
                          lambda: find(sigla, lambda o: is_role(o, Atspi.Role.FRAME)
                                       and find(o, lambda p: p.get_name() == "Document text") is not None))

        def named(role, name):
            return find(window, lambda o: is_role(o, role) and o.get_name() == name)

        def list_row(list_name, row_name=None):
            rows = named(Atspi.Role.LIST, list_name)
            if rows is None:
                return None
            return find(rows, lambda o: is_role(o, Atspi.Role.LIST_ITEM) and
                        (row_name is None or o.get_name().startswith(row_name)))

        def csv_rows(name):
            folder = tempfile.mkdtemp(dir=home)
            cli("export", project, "--format", "csv", "-o", folder)
            with open(os.path.join(folder, name), newline="", encoding="utf-8") as f:
                return list(csv.DictReader(f))

        def popover_entry(holding):
            entry = named(Atspi.Role.TEXT, "Name")
            return entry if entry is not None and text_of(entry) == holding else None

        def set_text(entry, value):
            """Sets @entry's text as a screen reader does, through its EditableText."""
            if "EditableText" not in entry.get_interfaces():
                raise Failed("%s %r has no EditableText" % (entry.get_role_name(), entry.get_name()))
            if not entry.set_text_contents(value):
                raise Failed("SetTextContents (%r) on %r failed" % (value, entry.get_name()))
            wait_for("%r to hold %r" % (entry.get_name(), value), lambda: text_of(entry) == value, timeout=5)

        def toast_buttons(said, names):
            """Waits for the toast that begins with @said; fails unless its buttons are @names."""
            title = wait_for("a toast %r…" % said, lambda: find(window, lambda o: is_role(
                o, Atspi.Role.LABEL) and o.get_name().startswith(said)), timeout=10)
            toast = title.get_parent().get_parent()   # the toast, its title in a bin
            buttons = []
            find(toast, lambda o: is_role(o, Atspi.Role.PUSH_BUTTON) and buttons.append(o.get_name()))
            if buttons != names:
                log_tree(toast)
                raise Failed("the buttons of the toast %r… are named %r, not %r" % (said, buttons, names))
            return buttons

        # 13. The words, selected through the Text interface, as in step 5.
        words = text.find(SPEAKER_WORDS)
        select(words, words + len(SPEAKER_WORDS))
        ok("%d..%d" % (words, words + len(SPEAKER_WORDS)))

        # 14. The header's "Person", clicked: the popover opens on the selected words.
        do_action(wait_for("the button \"Person\"", lambda: named(Atspi.Role.PUSH_BUTTON, "Person")), "click")
        try:
            entry = wait_for("the popover's \"Name\" entry holding %r" % SPEAKER_WORDS,
                             lambda: popover_entry(SPEAKER_WORDS), timeout=10)
        except Failed:
            log_tree(window)
            raise
        ok()

        # 15. The name, set through EditableText: the list offers a new person by that name,
        # and every control of the popover is named for a screen reader.
        set_text(entry, SPEAKER)
        new_person = "New person “%s”" % SPEAKER
        row = wait_for("a row %r in the list \"Matching names\"" % new_person,
                       lambda: list_row("Matching names", new_person), timeout=5)
        problems, seen = check_names(entry.get_parent(), Atspi)
        if problems:
            raise Failed("%d of %d controls of the popover are not named as a screen reader needs:\n%s"
                         % (len(problems), seen, "\n".join(problems)))
        ok("%d controls" % seen)

        # 16. The row's action: the person and the mention are in the project.
        do_action(row, "row.activate")

        def speaker_mention():
            for line in csv_rows("mentions.csv"):
                if (int(line["start"]), int(line["end"])) == (words, words + len(SPEAKER_WORDS)):
                    return line
            return None

        mention = wait_for("sigla-cli to list a mention over %s" % SPEAKER_WORDS, speaker_mention, timeout=10)
        if mention["text"] != SPEAKER_WORDS or mention["entity_name"] != SPEAKER:
            raise Failed("the mention is %r, not %r of %r" % (mention, SPEAKER_WORDS, SPEAKER))
        wait_for("the popover to close", lambda: named(Atspi.Role.TEXT, "Name") is None, timeout=5)
        ok("%r -> %r" % (mention["text"], mention["entity_name"]))

        # 17. The sentence claimed, selected.
        claimed = text.find(CLAIMED)
        select(claimed, claimed + len(CLAIMED))
        ok("%d..%d" % (claimed, claimed + len(CLAIMED)))

        # 18. The header's "Claim", clicked: who says it? The entry, set to the start of the name,
        # lists the person just made, before a new speaker by what was typed.
        do_action(named(Atspi.Role.PUSH_BUTTON, "Claim"), "click")
        entry = wait_for("the popover's empty \"Name\" entry", lambda: popover_entry(""), timeout=10)
        set_text(entry, SPEAKER_TYPED)

        def rows_shown():
            rows = named(Atspi.Role.LIST, "Matching names")
            names = [rows.get_child_at_index(i).get_name() for i in range(rows.get_child_count())]
            return names if names == [SPEAKER, "New speaker “%s”" % SPEAKER_TYPED] else None

        try:
            ok("rows %r" % wait_for("the rows %r and a new speaker" % SPEAKER, rows_shown, timeout=5))
        except Failed:
            log_tree(named(Atspi.Role.LIST, "Matching names"))
            raise

        # 19. The person's row, activated: the claim is written, over the sentence, spoken by him.
        do_action(list_row("Matching names", SPEAKER), "row.activate")

        def written_claim():
            for line in csv_rows("claims.csv"):
                if (int(line["start"]), int(line["end"])) == (claimed, claimed + len(CLAIMED)):
                    return line
            return None

        claim = wait_for("sigla-cli to list a claim over the sentence", written_claim, timeout=10)
        if claim["speaker"] != SPEAKER or claim["text"] != CLAIMED or claim["certainty"] != "":
            raise Failed("the claim is %r" % claim)
        claim_id = claim["id"]
        wait_for("the popover to close", lambda: named(Atspi.Role.TEXT, "Name") is None, timeout=5)
        ok("claim %s, %s %s" % (claim_id, claim["speaker"], claim["stance"]))

        # 20. The claim's row in the Claims panel, named after the claim.
        do_action(wait_for("the tab \"Claims\"", lambda: named(Atspi.Role.PAGE_TAB, "Claims")), "click")
        try:
            row = wait_for("a row \"%s asserts…\" in the list \"Claims\"" % SPEAKER,
                           lambda: list_row("Claims", SPEAKER + " asserts"), timeout=10)
        except Failed:
            log_tree(named(Atspi.Role.LIST, "Claims"))
            raise
        ok("%r" % row.get_name())

        # 21. Activated, it opens the claim editor; the lists behind it leave the tree.
        do_action(row, "row.activate")
        stance = wait_for("the combo box \"Stance\"", lambda: named(Atspi.Role.COMBO_BOX, "Stance"), timeout=10)
        certainty = wait_for("the combo box \"Certainty\"", lambda: named(Atspi.Role.COMBO_BOX, "Certainty"), timeout=5)
        wait_for("the list \"Claims\" to leave the tree", lambda: named(Atspi.Role.LIST, "Claims") is None,
                 timeout=5)
        if named(Atspi.Role.LABEL, CLAIMED) is None:
            raise Failed("the claim editor does not show the words %r" % CLAIMED)
        ok()

        # 22, 23. The stance and the certainty, each chosen by its action.
        def claim_csv():
            return {line["id"]: line for line in csv_rows("claims.csv")}[claim_id]

        do_action(stance, "choose.proposes")
        wait_for("sigla-cli to read the stance \"proposes\"", lambda: claim_csv()["stance"] == "proposes",
                 timeout=10)
        ok()
        do_action(certainty, "choose.high")
        wait_for("sigla-cli to read the certainty \"high\"", lambda: claim_csv()["certainty"] == "high",
                 timeout=10)
        claim = claim_csv()
        if claim["stance"] != "proposes" or claim["speaker"] != SPEAKER:
            raise Failed("the claim is now %r" % claim)
        ok("%s %s, %s" % (claim["speaker"], claim["stance"], claim["certainty"]))

        # 24. The header's Undo, clicked: the certainty, the last change, is undone; the stance
        # stays. The editor, still open, shows the certainty undone.
        do_action(named(Atspi.Role.PUSH_BUTTON, "Undo"), "click")
        wait_for("sigla-cli to read no certainty", lambda: claim_csv()["certainty"] == "", timeout=10)
        claim = claim_csv()
        if claim["stance"] != "proposes":
            raise Failed("Undo undid more than the certainty: the claim is now %r" % claim)

        def certainty_shown():
            labels = []
            find(certainty, lambda o: is_role(o, Atspi.Role.LABEL) and labels.append(text_of(o)))
            return labels[1:] == ["Not given"]

        wait_for("the row \"Certainty\" to show \"Not given\"", certainty_shown, timeout=5)
        toast_buttons("Undone: ", ["Dismiss"])
        ok("%s %s, certainty %r" % (claim["speaker"], claim["stance"], claim["certainty"]))

        # 25. Back to the lists. (Not the window's own actions: GTK 4.8 runs the action at the
        # index AT-SPI gives among all the window's actions, not among those it lists, so
        # DoAction on a window with actions that take a parameter runs the wrong one.)
        do_action(named(Atspi.Role.PUSH_BUTTON, "Back to the list"), "click")
        wait_for("the tab \"People\"", lambda: named(Atspi.Role.PAGE_TAB, "People"), timeout=10)
        ok()

        # 26. The main menu, clicked (the menu button's own toggle button has "click"), and its
        # item: GTK's file chooser opens in the app itself, there being no portal here.
        menu = named(Atspi.Role.PUSH_BUTTON, "Main Menu")
        do_action(find(menu, lambda o: "click" in action_names(o)), "click")
        item = wait_for("the item \"Export Project as TEI…\"", lambda: find(sigla, lambda o: is_role(
            o, Atspi.Role.MENU_ITEM) and o.get_name() == "Export Project as TEI…"), timeout=5)
        do_action(item, "click")
        chooser = wait_for("the file chooser \"Export Project as TEI\"", lambda: find(
            sigla, lambda o: o.get_name() == "Export Project as TEI" and
            find(o, lambda p: is_role(p, Atspi.Role.TEXT) and p.get_name() == "Name:") is not None), timeout=10)
        file_name = find(chooser, lambda o: is_role(o, Atspi.Role.TEXT) and o.get_name() == "Name:")
        offered = os.path.splitext(os.path.basename(project))[0] + ".xml"
        if text_of(file_name) != offered:
            raise Failed("the file chooser offers the name %r, not %r" % (text_of(file_name), offered))
        ok("%s %r, offering %r" % (chooser.get_role_name(), chooser.get_name(), offered))

        # 27. The path, set through EditableText, and "Export": the file, its people and tags.
        # (GTK 4.8 names the chooser's own buttons "_Export Export": the label and the
        # mnemonic's. It is GTK's dialog; the test takes the button its label says.)
        tei = os.path.join(home, "tei", "atspi-export.xml")
        os.mkdir(os.path.dirname(tei))
        set_text(file_name, tei)
        export_button = find(chooser, lambda o: is_role(o, Atspi.Role.PUSH_BUTTON) and find(
            o, lambda p: is_role(p, Atspi.Role.LABEL) and text_of(p) == "Export") is not None)
        if export_button is None:
            log_tree(chooser)
            raise Failed("no button \"Export\" in the file chooser")
        do_action(export_button, "click")

        def exported():
            try:
                return ElementTree.parse(tei).getroot()
            except (OSError, ElementTree.ParseError):
                return None

        root = wait_for("the TEI file %s" % tei, exported, timeout=15)
        tei_ns = {"tei": "http://www.tei-c.org/ns/1.0"}
        people = [n.text for n in root.iterfind(".//tei:listPerson/tei:person/tei:persName", tei_ns)]
        tagged = {n.text: n.get("ref") for n in root.iterfind(".//tei:text//tei:persName", tei_ns)}
        for name, words in ((NAME, WORD), (SPEAKER, SPEAKER_WORDS)):
            if name not in people or not tagged.get(words):
                raise Failed("the TEI lists the people %r and tags %r: not %r over %r" % (people, tagged, name, words))
        if root.find(".//tei:annotation[@motivation='describing']", tei_ns) is None:
            raise Failed("the TEI holds no claim")
        checked = "people and tags"
        schema = os.environ.get("SIGLA_TEI_SCHEMA")
        if shutil.which("jing") is not None and schema and os.path.isfile(schema):
            done = subprocess.run(["jing", schema, tei], capture_output=True, text=True, timeout=60)
            if done.returncode != 0:
                raise Failed("jing: the TEI is not valid:\n%s" % done.stdout.strip())
            checked += ", valid (jing)"
        else:
            log("jing or SIGLA_TEI_SCHEMA missing: the TEI is not validated here")
        wait_for("the file chooser to close", lambda: named(Atspi.Role.TEXT, "Name:") is None and find(
            sigla, lambda o: o.get_name() == "Export Project as TEI") is None, timeout=5)

        # The window says where the file went, in a toast (after the undo's, which it waits
        # behind): its buttons too are named for a screen reader.
        said = "Exported as TEI to “%s”" % os.path.basename(tei)
        buttons = toast_buttons(said, ["Open Folder", "Dismiss"])
        ok("%d bytes, %s; the toast's buttons %r" % (os.path.getsize(tei), checked, buttons))

        # 28-30. Every control named, whichever of the lists and the editors is shown.
        def check_window(shown, gone):
            wait_for("%r in the tree" % shown[1], lambda: named(*shown), timeout=10)
            wait_for("%r out of the tree" % gone[1], lambda: named(*gone) is None, timeout=5)
            problems, seen = check_names(window, Atspi)
            if problems:
                raise Failed("%d of %d controls are not named as a screen reader needs:\n%s"
                             % (len(problems), seen, "\n".join(problems)))
            return "%d controls" % seen

        do_action(named(Atspi.Role.PAGE_TAB, "People"), "click")
        ok(check_window((Atspi.Role.LIST, "People"), (Atspi.Role.PUSH_BUTTON, "Back to the list")))

        do_action(wait_for("a row \"Joseph Stalin…\" in the list \"People\"",
                           lambda: list_row("People", "Joseph Stalin")), "row.activate")
        ok(check_window((Atspi.Role.TEXT, "Preferred name"), (Atspi.Role.COMBO_BOX, "Stance")))

        do_action(named(Atspi.Role.PUSH_BUTTON, "Back to the list"), "click")
        do_action(wait_for("the tab \"Claims\"", lambda: named(Atspi.Role.PAGE_TAB, "Claims")), "click")
        do_action(wait_for("a row in the list \"Claims\"", lambda: list_row("Claims")), "row.activate")
        ok(check_window((Atspi.Role.COMBO_BOX, "Stance"), (Atspi.Role.TEXT, "Preferred name")))

        # 31. Every KIM IL SUNG of the text, from the person's editor: one tagged in step 16,
        # two to tag.
        do_action(named(Atspi.Role.PUSH_BUTTON, "Back to the list"), "click")
        do_action(wait_for("the tab \"People\"", lambda: named(Atspi.Role.PAGE_TAB, "People")), "click")
        do_action(wait_for("a row \"%s…\" in the list \"People\"" % SPEAKER,
                           lambda: list_row("People", SPEAKER)), "row.activate")
        do_action(wait_for("the button \"Tag All…\"", lambda: named(Atspi.Role.PUSH_BUTTON, "Tag All…")), "click")
        dialog = wait_for("the dialog \"Tag All\"", lambda: find(sigla, lambda o: is_role(
            o, Atspi.Role.FRAME, Atspi.Role.DIALOG) and o.get_name() == "Tag All"), timeout=10)
        occurrences = wait_for("its list \"Occurrences\" of three rows", lambda: find(dialog, lambda o: is_role(
            o, Atspi.Role.LIST) and o.get_name() == "Occurrences" and o.get_child_count() == 3), timeout=10)
        checked = sum(1 for i in range(occurrences.get_child_count())
                      if find(occurrences.get_child_at_index(i), lambda o: is_role(o, Atspi.Role.CHECK_BOX)
                              and has_state(o, Atspi.StateType.CHECKED) and has_state(o, Atspi.StateType.SENSITIVE)))
        if checked != 2:
            log_tree(occurrences)
            raise Failed("%d rows are checked to be tagged, not the two untagged" % checked)
        problems, seen = check_names(dialog, Atspi)
        if problems:
            raise Failed("%d of %d controls of the dialog are not named as a screen reader needs:\n%s"
                         % (len(problems), seen, "\n".join(problems)))
        ok("%d controls" % seen)

        # 32. Tagged: three mentions of the person over KIM IL SUNG.
        do_action(find(dialog, lambda o: is_role(o, Atspi.Role.PUSH_BUTTON) and o.get_name() == "Tag 2"), "click")

        def speaker_mentions():
            lines = [line for line in csv_rows("mentions.csv") if line["entity_name"] == SPEAKER]
            return lines if len(lines) == 3 and all(line["text"] == SPEAKER_WORDS for line in lines) else None

        wait_for("sigla-cli to list three mentions of %s" % SPEAKER, speaker_mentions, timeout=10)
        toast_buttons("Tagged 2 occurrences", ["Dismiss"])
        ok()

        # 33. Kim Il Sung writes to Joseph Stalin, from the person's editor: the first kind
        # (radio buttons offer AT-SPI no action: a reader's user picks another by keys), then the other.
        add = wait_for("the button \"Add a relation\"", lambda: find(window, lambda o: is_role(
            o, Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON) and o.get_name() == "Add a relation"))
        # The menu button's own button, inside it, is what clicks.
        do_action(find(add, lambda o: "click" in action_names(o)) or add, "click")
        wait_for("the kind \"writes to\", chosen", lambda: find(window, lambda o: is_role(
            o, Atspi.Role.RADIO_BUTTON, Atspi.Role.CHECK_BOX) and o.get_name() == "writes to" and
            has_state(o, Atspi.StateType.CHECKED)))
        popover = wait_for("the list \"Related to\"", lambda: named(Atspi.Role.LIST, "Related to"))
        problems, seen = check_names(popover.get_parent().get_parent().get_parent(), Atspi)
        if problems:
            raise Failed("%d of %d controls of the popover are not named as a screen reader needs:\n%s"
                         % (len(problems), seen, "\n".join(problems)))
        do_action(wait_for("a row \"%s\" in the list \"Related to\"" % NAME,
                           lambda: list_row("Related to", NAME)), "row.activate")

        def related():
            listed = json.loads(cli("relation", "list", project, "--json"))
            return listed if [(r["from_name"], r["type"], r["to_name"]) for r in listed] == \
                [(SPEAKER, "writes-to", NAME)] else None

        wait_for("sigla-cli to list %s writes to %s" % (SPEAKER, NAME), related, timeout=10)
        wait_for("the editor's row \"%s writes to %s\"" % (SPEAKER, NAME), lambda: find(window, lambda o: is_role(
            o, Atspi.Role.LIST_ITEM) and o.get_name().startswith("%s writes to %s" % (SPEAKER, NAME))), timeout=10)
        ok("%d controls" % seen)
        return 0

    except Exception as failure:
        if isinstance(failure, GLib.Error):
            failure = Failed("AT-SPI: %s" % failure.message)
        elif not isinstance(failure, Failed):
            failure = Failed("%s\n%s" % (repr(failure), traceback.format_exc()))
        step += 1
        say("not ok %d - %s" % (step, STEPS[step - 1]))
        log(str(failure))
        try:
            log("screenshot of the failure: %s" % screenshot("atspi-failed.png"))
        except Exception as error:
            log("no screenshot: %s" % error)
        say("Bail out! %s" % str(failure).splitlines()[0])
        return 1

    finally:
        if app is not None and app.poll() is None:
            app.terminate()
            try:
                app.wait(timeout=5)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait()
        app_log.seek(0)
        output = app_log.read().strip()
        if output:
            log("sigla said:\n" + output)
        app_log.close()


if __name__ == "__main__":
    if INNER in os.environ:
        tap = os.fdopen(int(os.environ[TAP_FD]), "w")
        sys.exit(inner())
    sys.exit(outer())
