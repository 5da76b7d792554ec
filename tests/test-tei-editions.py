#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# test-tei-editions.py: real TEI files from public editions (tests/tei-editions/, their
# sources and licences in SOURCES.md) imported and exported with sigla-cli, and checked
# against counts taken with lxml over the files themselves, independently of Sigla's reader:
# each file accepted; at least 95 % of its names and dates made mentions, and linked where
# the file links them; every word of the reading text there; exported untouched, the same
# bytes; exported with new annotations, the same file once they are taken out (C14N); valid
# against tei_all after annotation when it was before (jing). Speaks TAP.

import collections
import json
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata

from lxml import etree

CLI = os.environ["SIGLA_CLI"]
SCHEMA = os.environ.get("SIGLA_TEI_SCHEMA")
EDITIONS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tei-editions")
TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

# What a reader of the edition reads, as the TEI Guidelines mean it; written here again
# from the Guidelines, not from Sigla's code. A listBibl in the back matter is a register of
# works, not text.
PREFERRED = ("corr", "reg", "expan", "lem", "add")
ALTERNATIVES = ("choice", "app", "subst", "rdgGrp")
NOT_TEXT = ("fw", "figDesc", "interpGrp", "interp", "span", "spanGrp", "link", "linkGrp", "join",
            "joinGrp", "alt", "altGrp", "timeline", "witDetail", "listPerson", "listPlace", "listOrg",
            "listEvent", "listRelation", "listPrefixDef", "listAnnotation", "standOff", "teiHeader",
            "graphic", "binaryObject", "formula", "notatedMusic", "fsdDecl", "fs")
# Elements that stand apart from the words around them: never one word across their edge.
BLOCKS = ("p", "ab", "head", "l", "lg", "item", "list", "note", "dateline", "salute", "signed", "opener",
          "closer", "postscript", "address", "addrLine", "cell", "row", "table", "sp", "speaker", "stage",
          "div", "byline", "docTitle", "titlePart", "trailer", "label", "entry", "sense", "def", "form")
PERSON_TYPES = re.compile(r"^(pers.*|people)$", re.I)
PLACE_TYPES = re.compile(r"^(place|placename|loc|location|settlement|city|country|region|geo|geogname)$", re.I)
ORG_TYPES = re.compile(r"^(org.*|institution|corporation|corporatebody|company)$", re.I)
ISO = re.compile(r"^-?\d{4}(-\d{2}(-\d{2})?)?")

results = []
# recover: an xml:id that is not a name (one dictionary's "DACL.CAPITAL:1") is an error to
# lxml, a warning to libxml2 and to Sigla; the tree is the same.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def cli(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True)


def local(element):
    return etree.QName(element).localname if isinstance(element.tag, str) else None


def tei_children(element):
    return [c for c in element if isinstance(c.tag, str)]


def hidden_elements(text):
    """The elements whose words the reading text does not show: another reading of an
    alternative, and what is not the document's text."""
    hidden = set()
    for element in text.iter():
        name = local(element)
        in_back = any(local(a) == "back" for a in element.iterancestors())
        if (name in NOT_TEXT or (name == "listBibl" and in_back) or
                (isinstance(element.tag, str) and etree.QName(element).namespace not in (TEI, None))):
            hidden.add(element)
        elif name in ALTERNATIVES:
            children = [c for c in tei_children(element) if local(c) not in ("note", "witDetail")]
            chosen = next((c for c in children if local(c) in PREFERRED), children[0] if children else None)
            hidden.update(c for c in children if c is not chosen)
    return hidden


def is_hidden(element, hidden):
    while element is not None:
        if element in hidden:
            return True
        element = element.getparent()
    return False


def name_kind(element):
    name = local(element)
    if name in ("persName", "placeName", "orgName"):
        return name[:-4].replace("pers", "person")
    if name in ("rs", "name"):
        kind = element.get("type") or ""
        return ("person" if PERSON_TYPES.match(kind) else "place" if PLACE_TYPES.match(kind)
                else "org" if ORG_TYPES.match(kind) else None)
    return None


def has_date_value(element):
    return any(ISO.match(element.get(a) or "") for a in
               ("when", "when-iso", "from", "to", "notBefore", "notAfter", "notBefore-iso", "notAfter-iso"))


def reading_words(text, hidden):
    """The words of the reading text: the shown reading's, notes' included, joined across
    line breaks marked break="no"."""
    parts = []

    def walk(element):
        if element in hidden:
            return
        if local(element) in BLOCKS:
            parts.append(" ")
        if local(element) in ("lb", "pb", "cb") and element.get("break") == "no":
            parts.append("\0")
        elif local(element) in ("lb", "space"):
            parts.append(" ")
        if element.text and isinstance(element.tag, str):
            parts.append(element.text)
        for child in element:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                parts.append(child.tail)
        if local(element) in BLOCKS:
            parts.append(" ")

    walk(text)
    joined = re.sub(r"\s*\0\s*", "", "".join(parts))
    return collections.Counter(re.findall(r"\w+", unicodedata.normalize("NFC", joined)))


def expected_of(root):
    text = root.find(f"{{{TEI}}}text")
    if text is None:
        return None
    hidden = hidden_elements(text)
    names = linked = dates = 0
    for element in text.iter():
        if not isinstance(element.tag, str) or is_hidden(element, hidden):
            continue
        if name_kind(element) is not None:
            names += 1
            linked += bool((element.get("ref") or element.get("key") or "").strip())
        elif local(element) == "date" and has_date_value(element):
            dates += 1
    return {"names": names, "linked": linked, "dates": dates, "words": reading_words(text, hidden)}


def records_of(root):
    return sum(1 for e in root.iter() if local(e) in ("person", "personGrp", "place", "org")
               and any(local(a) in ("listPerson", "listPlace", "listOrg") for a in e.iterancestors()))


def jing(paths):
    """{path: None if valid, else its first error} in one run: starting Java costs a second."""
    if not SCHEMA or not paths:
        return {}
    run = subprocess.run(["jing", SCHEMA, *paths], capture_output=True, text=True)
    verdict = {p: None for p in paths}
    for line in (run.stdout + run.stderr).splitlines():
        for p in paths:
            if line.startswith(p + ":") and verdict[p] is None:
                verdict[p] = line
    return verdict


def attach(parent, previous, text):
    """Puts @text where an element that stood after @previous in @parent stood."""
    if not text:
        return
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def unwrap(element):
    """Takes @element away, its words and children staying where they stood."""
    parent = element.getparent()
    previous = element.getprevious()
    children = list(element)
    index = parent.index(element)
    tail = element.tail
    attach(parent, previous, element.text)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    parent.remove(element)
    attach(parent, children[-1] if children else previous, tail)


def remove(element):
    """Takes @element away with its words, the text after it staying."""
    parent = element.getparent()
    previous = element.getprevious()
    tail = element.tail
    parent.remove(element)
    attach(parent, previous, tail)


def canonical(data, strip_resp=None):
    root = etree.fromstring(data, PARSER)
    if strip_resp is not None:
        for element in list(root.iter()):
            if not isinstance(element.tag, str):
                continue
            if element.get(XML_ID) == strip_resp[1:] or element.get("resp") == strip_resp:
                in_text = any(local(a) == "text" for a in element.iterancestors())
                parent = element.getparent()
                if in_text and local(element) not in ("person", "place", "org"):
                    unwrap(element)
                else:
                    remove(element)
    return etree.tostring(root.getroottree(), method="c14n")


def mentions_of(project, document):
    db = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
    rows = db.execute('SELECT kind, entity_id FROM mentions WHERE document_id = ?', (document,)).fetchall()
    text = db.execute("SELECT text FROM documents WHERE id = ?", (document,)).fetchone()[0]
    db.close()
    return rows, text


def annotate(project, document, text, rng):
    """A person tagged on five words, a date on one, a claim over a stretch: what an editor adds."""
    person = cli("entity", "add", project, "--kind", "person", "--name", "Sigla Test Person",
                 "--authority", "http://www.wikidata.org/entity/Q1").stdout.strip()
    words = [m for m in re.finditer(r"\w{4,}", text)]
    added = 0
    for match in rng.sample(words, min(5, len(words))):
        if cli("tag", project, str(document), str(match.start()), str(match.end()), "--entity", person).returncode == 0:
            added += 1
    if words:
        match = rng.choice(words)
        if cli("tag", project, str(document), str(match.start()), str(match.end()), "--date", "1900-01-01").returncode == 0:
            added += 1
    if len(words) > 12:
        first = rng.randrange(0, len(words) - 10)
        cli("claim", "add", project, str(document), str(words[first].start()), str(words[first + 8].end()),
            "--speaker", person, "--paraphrase", "A test claim")
    return added


def main():
    files = sorted(f for f in os.listdir(EDITIONS) if f.endswith(".xml"))
    check("at least 20 real TEI files", len(files) >= 20, f"{len(files)} files")
    valid_before = jing([os.path.join(EDITIONS, f) for f in files])
    exports = {}
    rng = random.Random(20261207)

    with tempfile.TemporaryDirectory() as tmp:
        for name in files:
            path = os.path.join(EDITIONS, name)
            source = open(path, "rb").read()
            root = etree.fromstring(source, PARSER)
            project = os.path.join(tmp, name + ".sigla")
            cli("init", project)
            run = cli("import", project, path, "--json")
            check(f"{name}: accepted", run.returncode == 0, run.stderr.strip())
            if run.returncode != 0:
                continue
            imported = json.loads(run.stdout)[0]
            report = imported.get("report", {})
            document = imported["document"]
            expected = expected_of(root)

            if document == 0:
                records = records_of(root)
                check(f"{name}: registry read", records + report.get("letters", 0) > 0 and
                      report.get("registry_records") == records,
                      f"{report.get('registry_records')} of {records} records")
                continue

            rows, text = mentions_of(project, document)
            names = sum(1 for kind, _ in rows if kind != "date")
            linked = sum(1 for kind, entity in rows if kind != "date" and entity is not None)
            dates = sum(1 for kind, _ in rows if kind == "date")
            check(f"{name}: names kept", names >= 0.95 * expected["names"], f"{names} of {expected['names']}")
            check(f"{name}: names linked", linked >= 0.95 * expected["linked"], f"{linked} of {expected['linked']}")
            check(f"{name}: dates kept", dates >= 0.95 * expected["dates"], f"{dates} of {expected['dates']}")
            have = collections.Counter(re.findall(r"\w+", text))
            missing = expected["words"] - have
            check(f"{name}: every word read", not missing,
                  f"{sum(missing.values())} of {sum(expected['words'].values())} missing: {list(missing)[:8]}")

            out = os.path.join(tmp, name + ".untouched.xml")
            run = cli("export", project, "--format", "tei", "--doc", str(document), "-o", out)
            check(f"{name}: exported untouched as it came", run.returncode == 0 and open(out, "rb").read() == source,
                  run.stderr.strip())

            added = annotate(project, document, text, rng)
            out = os.path.join(tmp, name + ".annotated.xml")
            run = cli("export", project, "--format", "tei", "--doc", str(document), "-o", out)
            check(f"{name}: exported annotated", run.returncode == 0, run.stderr.strip())
            if run.returncode != 0:
                continue
            woven = open(out, "rb").read()
            check(f"{name}: annotations taken out, the file as it was (C14N)",
                  canonical(woven, "#sigla") == canonical(source), f"{added} mentions added")
            exports[out] = path

            again = os.path.join(tmp, name + ".again.sigla")
            cli("init", again)
            run = cli("import", again, out, "--json")
            if run.returncode == 0:
                back = json.loads(run.stdout)[0]["document"]
                rows_back, text_back = mentions_of(again, back)
                rows_now, _ = mentions_of(project, document)
                check(f"{name}: read back whole", text_back == text and len(rows_back) == len(rows_now),
                      f"{len(rows_back)} mentions read back of {len(rows_now)}")
            else:
                check(f"{name}: read back whole", False, run.stderr.strip())

        valid_after = jing(list(exports))
        for out, path in exports.items():
            if valid_before.get(path, "") is None:
                check(f"{os.path.basename(path)}: still valid against tei_all", valid_after.get(out) is None,
                      valid_after.get(out) or "")

    print(f"1..{len(results)}")
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if detail:
            print(f"# {detail}")
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
