#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# test-identities.py: who says Filippov is Stalin, on the five seed cables. sigla-cli entity alias
# records the editor's gloss "Cde. Filippov [Stalin]" of cable 21726 as the evidence of the
# pseudonym, relation add records who writes and reports to whom; the TEI export carries both
# (persName @cert @resp @source → a seg of the text; listRelation), is valid under tei_all (jing),
# reads back into a new project with every name's evidence and every relation, and exports again
# the same; a folder export points from one file to the cited words in another; recover keeps
# them. Speaks TAP.

import csv
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
from siglatest import cli, connect, print_tap  # noqa: E402

SEEDS = os.environ["SIGLA_SEEDS_DIR"]
SCHEMA = os.environ.get("SIGLA_TEI_SCHEMA")
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def run(*args):
    done = cli(*args)
    if done.returncode != 0:
        raise RuntimeError(f"sigla-cli {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout


def span_of(project, title_part, words):
    """The document whose title holds @title_part, and where @words are in its text (code points)."""
    with connect(project) as db:
        for doc, title, text in db.execute("SELECT id, title, text FROM documents ORDER BY id"):
            if title_part in title:
                start = text.index(words)
                return doc, start, start + len(words)
    raise LookupError(title_part)


def entity_id(project, name):
    for entity in json.loads(run("entity", "list", project, "--json")):
        if entity["name"] == name:
            return entity["id"]
    raise LookupError(name)


def names_with_evidence(project):
    """{(entity, name): (type, annotator, cert, cited words)} of every name that has evidence."""
    found = {}
    for entity in json.loads(run("entity", "list", project, "--json")):
        for name in entity["names"]:
            source = name["source"]
            found[(entity["name"], name["name"])] = (name["type"], name["annotator"], name["cert"],
                                                     source["words"] if source else None)
    return found


def relations(project):
    return sorted((r["from_name"], r["type"], r["to_name"], r["cert"], r["annotator"],
                   r["source"]["words"] if r["source"] else None)
                  for r in json.loads(run("relation", "list", project, "--json")))


def jing(*paths):
    if shutil.which("jing") is None or not SCHEMA:
        return True, "jing or the schema is missing"
    done = subprocess.run(["jing", SCHEMA, *paths], capture_output=True, text=True, timeout=300)
    return done.returncode == 0, done.stdout[-800:]


def seg_text(root, ident):
    for seg in root.iter(TEI + "seg"):
        if seg.get(XML_ID) == ident:
            return "".join(seg.itertext())
    return None


def main():
    with tempfile.TemporaryDirectory() as tmp:
        project = os.path.join(tmp, "cables.sigla")
        run("init", project)
        run("import", project, *sorted(os.path.join(SEEDS, f) for f in os.listdir(SEEDS) if f.endswith(".txt")))
        stalin = run("entity", "add", project, "--kind", "person", "--name", "Joseph Stalin").strip()
        mao = run("entity", "add", project, "--kind", "person", "--name", "Mao Zedong").strip()
        li = run("entity", "add", project, "--kind", "person", "--name", "Li Kenong").strip()

        doc, start, end = span_of(project, "21726", "Cde. Filippov [Stalin]")
        gloss = f"{doc}:{start}-{end}"
        run("entity", "alias", project, stalin, "Filippov", "--type", "pseudonym", "--cert", "high",
            "--source", gloss, "--annotator", "A. Editor")
        expected_names = {("Joseph Stalin", "Filippov"): ("pseudonym", "A. Editor", "high", "Cde. Filippov [Stalin]")}
        check("entity alias records who says so, how surely and the gloss's words",
              names_with_evidence(project) == expected_names, names_with_evidence(project))

        # Mao writes to Stalin, as the cable's title says; Li Kenong reports to Mao (no words cited).
        title_doc, title_start, title_end = span_of(project, "21726", "Mao Zedong to Cde. Filippov [Stalin]")
        run("relation", "add", project, mao, stalin, "--type", "writes-to", "--cert", "high",
            "--source", f"{title_doc}:{title_start}-{title_end}", "--annotator", "A. Editor")
        run("relation", "add", project, li, mao, "--type", "reports-to", "--cert", "medium")
        expected_relations = sorted([
            ("Mao Zedong", "writes-to", "Joseph Stalin", "high", "A. Editor", "Mao Zedong to Cde. Filippov [Stalin]"),
            ("Li Kenong", "reports-to", "Mao Zedong", "medium", None, None)])
        check("relation add and list", relations(project) == expected_relations, relations(project))

        # Refused, each with its reason, and the project unchanged.
        refusals = [
            (("entity", "alias", project, stalin, "Koba", "--cert", "certain"), "high, medium or low"),
            (("entity", "alias", project, stalin, "Koba", "--source", f"{doc}:{start}-999999"), "does not fit"),
            (("entity", "alias", project, stalin, "Koba", "--source", "21726"), "DOCUMENT:START-END"),
            (("relation", "add", project, mao, mao, "--type", "meets"), "not an entity and itself"),
            (("relation", "add", project, mao, li, "--type", "writes to"), "one word"),
            (("relation", "add", project, mao, "999", "--type", "meets"), "no entity 999"),
        ]
        for args, reason in refusals:
            done = cli(*args)
            check(f"refused: {' '.join(args[3:])}", done.returncode != 0 and reason in done.stderr, done.stderr)
        check("refusals leave names and relations as they were",
              names_with_evidence(project) == expected_names and relations(project) == expected_relations)

        # A note given alone leaves who says so and the words as they were.
        run("entity", "alias", project, stalin, "Filippov", "--note", "The editors' gloss")
        check("entity alias with --note alone keeps the evidence", names_with_evidence(project) == expected_names,
              names_with_evidence(project))

        # One undo takes the last relation back; redo brings it again.
        run("undo", project)   # the note
        run("undo", project)
        undone = relations(project)
        run("redo", project)
        run("redo", project)
        check("undo and redo a relation", len(undone) == 1 and relations(project) == expected_relations, undone)

        # Mao writes to Stalin again, in cable 22834, with the words of its own title: a relation
        # of its own, not the same one twice.
        second, s_start, s_end = span_of(project, "22834", "Mao Zedong to Cde. Filippov [Stalin]")
        run("relation", "add", project, mao, stalin, "--type", "writes-to", "--cert", "high",
            "--source", f"{second}:{s_start}-{s_end}", "--annotator", "A. Editor")
        expected_relations = sorted(expected_relations + [
            ("Mao Zedong", "writes-to", "Joseph Stalin", "high", "A. Editor", "Mao Zedong to Cde. Filippov [Stalin]")])
        with connect(project) as db:
            sources = sorted(r[0] for r in db.execute(
                "SELECT source_document_id FROM relations WHERE type = 'writes-to'"))

        # Stalin named in cable 22834 too, so that its file's registry has him.
        other, o_start, o_end = span_of(project, "22834", "Filippov")
        run("tag", project, str(other), str(o_start), str(o_end), "--entity", stalin)
        run("tag", project, str(doc), str(start + 5), str(start + 13), "--entity", stalin)
        # Mao and Li Kenong named in cable 21726: a file's registry holds whom its text names.
        # Mao in cable 22834 too: its file has his letter to Stalin, pointing to cable 21726's words.
        for title, words, who in (("21726", "Mao Zedong", mao), ("21726", "Li Kenong", li), ("22834", "Mao Zedong", mao)):
            named_doc, named_start, named_end = span_of(project, title, words)
            run("tag", project, str(named_doc), str(named_start), str(named_end), "--entity", who)

        corpus = os.path.join(tmp, "corpus.xml")
        run("export", project, "--format", "tei", "-o", corpus)
        valid, detail = jing(corpus)
        check("the corpus with evidence and relations is valid TEI (jing, tei_all)", valid, detail)
        root = ET.parse(corpus).getroot()
        pseudonyms = [n for n in root.iter(TEI + "persName") if n.get("type") == "pseudonym"]
        resp_names = {r.get(XML_ID): r.findtext(TEI + "name") for r in root.iter(TEI + "respStmt")}
        ok = len(pseudonyms) == 1 and pseudonyms[0].text == "Filippov" and pseudonyms[0].get("cert") == "high"
        ok = ok and resp_names.get((pseudonyms[0].get("resp") or "#")[1:]) == "A. Editor"
        ok = ok and seg_text(root, (pseudonyms[0].get("source") or "#")[1:]) == "Cde. Filippov [Stalin]"
        check("the pseudonym says who, how surely, and points to the gloss's words", ok,
              [ET.tostring(n, encoding="unicode") for n in pseudonyms])
        listed = [(r.get("name"), r.get("active"), r.get("passive"), r.get("cert"))
                  for r in root.iter(TEI + "relation")]
        ids = {e.findtext(TEI + "persName"): "#" + e.get(XML_ID) for e in root.iter(TEI + "person")}
        check("listRelation holds the three relations",
              sorted(listed) == sorted([("writes-to", ids["Mao Zedong"], ids["Joseph Stalin"], "high"),
                                        ("writes-to", ids["Mao Zedong"], ids["Joseph Stalin"], "high"),
                                        ("reports-to", ids["Li Kenong"], ids["Mao Zedong"], "medium")]), listed)

        again = os.path.join(tmp, "again.sigla")
        run("init", again)
        run("import", again, corpus)
        check("read back: every name with its evidence", names_with_evidence(again) == expected_names,
              names_with_evidence(again))
        check("read back: every relation with its evidence", relations(again) == expected_relations, relations(again))
        with connect(again) as db:
            titles = sorted(r[0] for r in db.execute(
                "SELECT d.title FROM relations r JOIN documents d ON d.id = r.source_document_id "
                "WHERE r.type = 'writes-to'"))
        check("read back: the two letters of Mao to Stalin, each with its own cable",
              len(sources) == 2 and len(titles) == 2 and "21726" in titles[0] and "22834" in titles[1], titles)
        corpus_again = os.path.join(tmp, "corpus-again.xml")
        run("export", again, "--format", "tei", "-o", corpus_again)
        with open(corpus, encoding="utf-8") as a, open(corpus_again, encoding="utf-8") as b:
            first = a.read().replace("cables.sigla", "PROJECT")
            second = b.read().replace("again.sigla", "PROJECT")
        check("exported again, the same TEI", first == second)

        # A folder: cable 22834's file points to the gloss in cable 21726's file.
        folder = os.path.join(tmp, "folder")
        os.mkdir(folder)
        files = run("export", project, "--format", "tei", "-o", folder).split()
        valid, detail = jing(*files)
        check("the folder's files are valid TEI (jing, tei_all)", valid, detail)
        with connect(project) as db:
            other_title = db.execute("SELECT title FROM documents WHERE id = ?", (other,)).fetchone()[0]
        other_file = [f for f in files if os.path.basename(f).startswith("%04d-" % other)][0]
        source = [n.get("source") for n in ET.parse(other_file).getroot().iter(TEI + "persName")
                  if n.get("type") == "pseudonym"]
        target_file, _, target_id = source[0].partition("#") if source and source[0] else ("", "", "")
        target_path = os.path.join(folder, target_file)
        check("another document's file points to the cited words' file",
              os.path.isfile(target_path) and
              seg_text(ET.parse(target_path).getroot(), target_id) == "Cde. Filippov [Stalin]",
              f"{other_title}: {source}")

        # The folder read back last file first: the files that point to the gloss come before
        # the one that holds it, and the gloss is still found.
        backwards = os.path.join(tmp, "backwards.sigla")
        run("init", backwards)
        run("import", backwards, *sorted(files, reverse=True))
        check("a folder read back in any order: every name's and relation's evidence",
              names_with_evidence(backwards) == expected_names and relations(backwards) == expected_relations,
              (names_with_evidence(backwards), relations(backwards)))

        tables = os.path.join(tmp, "csv")
        os.mkdir(tables)
        run("export", project, "--format", "csv", "-o", tables)
        with open(os.path.join(tables, "names.csv"), newline="", encoding="utf-8") as f:
            names = [(r["entity_name"], r["name"], r["type"], r["annotator"], r["cert"], r["text"])
                     for r in csv.DictReader(f)]
        with open(os.path.join(tables, "relations.csv"), newline="", encoding="utf-8") as f:
            listed = sorted((r["from_name"], r["type"], r["to_name"], r["cert"], r["annotator"] or None,
                             r["text"] or None) for r in csv.DictReader(f))
        check("CSV: names.csv and relations.csv with who says so and the cited words",
              names == [("Joseph Stalin", "Filippov", "pseudonym", "A. Editor", "high", "Cde. Filippov [Stalin]")] and
              listed == expected_relations, (names, listed))

        recovered = os.path.join(tmp, "recovered.sigla")
        run("recover", project, recovered)
        check("recover keeps names' evidence and relations",
              names_with_evidence(recovered) == expected_names and relations(recovered) == expected_relations)
        # A file of format 4 has no relations: nothing to recover there, and nothing wrong. A file of
        # format 5 without them was changed: said.
        for version, said in ((4, False), (5, True)):
            damaged = os.path.join(tmp, f"without-relations-{version}.sigla")
            db = sqlite3.connect(damaged)
            with connect(project) as source:   # the write-ahead log's pages too
                source.backup(db)
            db.execute("DROP TABLE relations")
            db.execute(f"PRAGMA user_version = {version}")
            db.commit()
            db.close()
            report = json.loads(run("recover", damaged, damaged + ".new", "--json"))
            table = [t for t in report["tables"] if t["table"] == "relations"][0]
            check(f"recover of a format {version} file without relations: "
                  f"{'said unreadable' if said else 'nothing to say'}",
                  table["unreadable"] == said and names_with_evidence(damaged + ".new") == expected_names, table)
    return print_tap(results)


if __name__ == "__main__":
    sys.exit(main())
