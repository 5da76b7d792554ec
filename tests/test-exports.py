#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# test-exports.py: the CSV, GeoJSON and Web Annotation exports, read back with real parsers
# (Python's csv and json) and checked against what the project holds. Speaks TAP.

import csv
import json
import os
import subprocess
import sys
import tempfile
from xml.sax.saxutils import escape

CLI = os.environ["SIGLA_CLI"]
SEEDS = os.environ["SIGLA_SEEDS_DIR"]
results = []
# A 1 MB note is one 1 MB field; Python's csv refuses fields over 128 KB unless told.
csv.field_size_limit(16 * 1024 * 1024)


def cli(*args):
    return subprocess.run([CLI, *args], check=True, capture_output=True, text=True).stdout


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        project = os.path.join(tmp, "sample.sigla")
        cli("init", project)
        annotated = os.path.join(SEEDS, "annotated")
        cli("import", project, *sorted(os.path.join(annotated, f) for f in os.listdir(annotated)))

        # Something a spreadsheet must not split: commas, quotes, a line break.
        tricky = 'Said "no", twice,\nthen left'
        place = cli("entity", "add", project, "--kind", "place", "--name", "Panmunjom, \"the truce village\"",
                    "--geo", "37.9561 126.6772", "--note", tricky).strip()

        # Names and notes as a user may type them: SQL's and XML's special characters, controls,
        # right-to-left text and its marks, astral characters; the note as long as one argument
        # may be (Linux allows 128 KB).
        odd = "O'Brien \"Bob\" '); DROP TABLE entities; -- <b>&amp; & < > ]]> \x01\x1b\x7f " \
              "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 \u200f\u202e \U0001f600 \U00020000 end"
        odd_note = (odd + "\n\t") * 800 + "last line"
        odd_place = cli("entity", "add", project, "--kind", "place", "--name", odd, "--geo", "37.97 126.55",
                        "--note", odd_note).strip()

        # 1 MB of name and of note, which no argument can carry, from another tool's TEI.
        xml_odd = "O'Brien \"Bob\" <b>&amp; & < > ]]> \u05e9\u05dc\u05d5\u05dd \u200f \U0001f600 \U00020000"
        long_name = "Name " + " ".join([xml_odd] * (1024 * 1024 // len(xml_odd.encode()))) + " end"
        long_note = "Note " + long_name
        tei = os.path.join(tmp, "long.xml")
        with open(tei, "w", encoding="utf-8") as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">'
                    '<teiHeader><fileDesc><titleStmt><title>Long names</title></titleStmt>'
                    '<publicationStmt><p>x</p></publicationStmt><sourceDesc><listPerson>'
                    f'<person xml:id="long"><persName>{escape(long_name)}</persName>'
                    f'<note>{escape(long_note)}</note></person>'
                    '</listPerson></sourceDesc></fileDesc></teiHeader>'
                    '<text><body><p>Signed: <persName ref="#long">O\'Brien</persName></p></body></text></TEI>\n')
        cli("import", project, tei)

        stats = json.loads(cli("stats", project, "--json"))
        entities = json.loads(cli("entity", "list", project, "--json"))
        documents = json.loads(cli("list", project, "--json"))
        texts = {d["id"]: json.loads(cli("show", project, str(d["id"]), "--json"))["text"] for d in documents}

        os.mkdir(os.path.join(tmp, "csv"))
        cli("export", project, "--format", "csv", "-o", os.path.join(tmp, "csv"))
        with open(os.path.join(tmp, "csv", "entities.csv"), newline="", encoding="utf-8") as f:
            entity_rows = list(csv.DictReader(f))
        with open(os.path.join(tmp, "csv", "mentions.csv"), newline="", encoding="utf-8") as f:
            mention_rows = list(csv.DictReader(f))
        with open(os.path.join(tmp, "csv", "claims.csv"), newline="", encoding="utf-8") as f:
            claim_rows = list(csv.DictReader(f))

        check("csv: one row an entity", len(entity_rows) == stats["entities"], f"{len(entity_rows)} rows")
        check("csv: one row a mention", len(mention_rows) == stats["mentions"], f"{len(mention_rows)} rows")
        check("csv: one row a claim", len(claim_rows) == stats["claims"], f"{len(claim_rows)} rows")
        listed = {e["id"]: e for e in entities}
        long_id = next(e["id"] for e in entities if e["name"].startswith("Name O'Brien"))
        for what, entity_id, name, note in (("odd", int(odd_place), odd, odd_note),
                                            ("1 MB", long_id, long_name, long_note)):
            check(f"json: the {what} name and note as given",
                  listed[entity_id]["name"] == name and listed[entity_id]["note"] == note,
                  repr(listed[entity_id]["name"][:80]))
            row = next(r for r in entity_rows if r["id"] == str(entity_id))
            check(f"csv: the {what} name and note as given", row["name"] == name and row["note"] == note,
                  repr(row["name"][:80]))
        row = next(r for r in entity_rows if r["id"] == place)
        check("csv: commas, quotes and line breaks survive", row["note"] == tricky and
              row["name"] == "Panmunjom, \"the truce village\"", repr(row))
        stalin = next(r for r in entity_rows if r["name"] == "Joseph Stalin")
        check("csv: aliases with their type", "Filippov (pseudonym)" in stalin["aliases"], stalin["aliases"])
        wrong = [r for r in mention_rows
                 if texts[int(r["document"])][int(r["start"]):int(r["end"])] != r["text"]]
        check("csv: each mention's text is the text at its offsets", not wrong, repr(wrong[:1]))
        check("csv: dates carry their ISO value",
              any(r["kind"] == "date" and r["when"] == "1951-06-30" for r in mention_rows))
        check("csv: claims name speaker and reporter",
              any(r["speaker"] == "C. Turner Joy" and r["reporter"] == "Li Kenong" for r in claim_rows))

        geojson = os.path.join(tmp, "places.geojson")
        cli("export", project, "--format", "geojson", "-o", geojson)
        with open(geojson, encoding="utf-8") as f:
            collection = json.load(f)
        located = [e for e in entities if e["kind"] == "place" and e["geo"]]
        check("geojson: a FeatureCollection", collection["type"] == "FeatureCollection")
        check("geojson: one Point a place with coordinates", len(collection["features"]) == len(located) and
              all(f["geometry"]["type"] == "Point" for f in collection["features"]),
              f"{len(collection['features'])} features, {len(located)} places")
        by_name = {f["properties"]["name"]: f for f in collection["features"]}
        odd_feature = by_name.get(odd, {"properties": {}})
        check("geojson: the odd name and note as given", odd_feature["properties"].get("note") == odd_note,
              repr(list(by_name)))
        kaesong = next(e for e in located if e["name"] == "Kaesong")
        check("geojson: longitude first, then latitude",
              by_name["Kaesong"]["geometry"]["coordinates"] == [kaesong["geo"][1], kaesong["geo"][0]],
              repr(by_name["Kaesong"]["geometry"]))
        check("geojson: aliases and mentions", "Gaeseong" in by_name["Kaesong"]["properties"]["aliases"] and
              by_name["Kaesong"]["properties"]["mentions"] > 0)

        webanno = os.path.join(tmp, "annotations.jsonld")
        cli("export", project, "--format", "webanno", "-o", webanno, "--annotator", "Tester")
        with open(webanno, encoding="utf-8") as f:
            anno = json.load(f)
        items = anno["first"]["items"]
        check("webanno: the W3C context", anno["@context"] == "http://www.w3.org/ns/anno.jsonld")
        check("webanno: every mention and claim", len(items) == anno["total"] ==
              stats["mentions"] + stats["claims"], f"{len(items)} items")
        sources = {"urn:uuid:" + json.loads(cli("show", project, str(d["id"]), "--json"))["uuid"]: d["id"]
                   for d in documents}
        bad = []
        for item in items:
            selectors = {s["type"]: s for s in item["target"]["selector"]}
            position, quote = selectors["TextPositionSelector"], selectors["TextQuoteSelector"]
            text = texts[sources[item["target"]["source"]]]
            if text[position["start"]:position["end"]] != quote["exact"] or item["type"] != "Annotation":
                bad.append(item["id"])
        check("webanno: position and quote select the same words", not bad, repr(bad[:3]))
        claims = [i for i in items if i["motivation"] == "describing"]
        check("webanno: claims carry their speaker",
              len(claims) == stats["claims"] and
              all(any(b.get("role") == "speaker" for b in c["body"]) for c in claims))
        stalin_iri = [b["source"] for i in items for b in i["body"]
                      if b.get("name") == "Joseph Stalin"]
        check("webanno: entities by their authority URI",
              stalin_iri and all(s == "http://www.wikidata.org/entity/Q855" for s in stalin_iri))

    print(f"1..{len(results)}")
    for number, (name, passed, detail) in enumerate(results, 1):
        print(f"{'ok' if passed else 'not ok'} {number} - {name}" + ("" if passed else f"  # {detail}"))
    return 0 if all(passed for _, passed, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
