/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-tei-foreign.c: another edition's TEI read as its editors meant it: one reading of each
 * alternative, words joined across line breaks, notes under their block, every kind of block,
 * names however they are typed and referenced, the letter's own header, and a report. */

#include <libxml/c14n.h>
#include <libxml/parser.h>
#include <string.h>

#include "sigla-project-private.h"
#include "sigla-test-util.h"

typedef struct
{
  char         *dir;
  SiglaProject *project;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = sigla_test_make_dir ();
  fixture->project = sigla_test_new_project (fixture->dir, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->project);
  sigla_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

/* Reads @bytes into @project as the file @name, inside an action, with its report. */
static gint64
read_bytes (SiglaProject   *project,
            const char     *name,
            GBytes         *bytes,
            SiglaTeiReport *report)
{
  g_autoptr(GError) error = NULL;
  gint64 id = -1;

  g_assert_true (sigla_project_begin_action (project, "Import", &error));
  g_assert_true (sigla_tei_read (project, name, bytes, report, &id, &error));
  g_assert_no_error (error);
  g_assert_true (sigla_project_end_action (project, &error));
  return id;
}

static gint64
read_file (Fixture        *fixture,
           const char     *name,
           const char     *content,
           SiglaTeiReport *report)
{
  g_autoptr(GBytes) bytes = g_bytes_new (content, strlen (content));

  return read_bytes (fixture->project, name, bytes, report);
}

static SiglaEntity *
entity_of (Fixture            *fixture,
           const SiglaMention *mention)
{
  return mention->entity_id != 0 ? sigla_entity_get (fixture->project, mention->entity_id, NULL) : NULL;
}

static guint
count_of (GHashTable *table,
          const char *key)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (table, key));
}

static const char letter[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">\n"
  " <teiHeader>\n"
  "  <fileDesc>\n"
  "   <titleStmt><title level=\"s\">Letters of the Edition</title>\n"
  "    <title level=\"a\">Anna to Karl, Vienna, 3 March 1890</title></titleStmt>\n"
  "   <publicationStmt><p>CC-BY 4.0</p></publicationStmt>\n"
  "   <sourceDesc><msDesc><msIdentifier><settlement>Wien</settlement>\n"
  "    <repository>Wienbibliothek</repository><idno>H.I.N. 1234</idno></msIdentifier></msDesc></sourceDesc>\n"
  "  </fileDesc>\n"
  "  <encodingDesc><listPrefixDef><prefixDef ident=\"pmb\" matchPattern=\"([0-9]+)\"\n"
  "    replacementPattern=\"https://pmb.example.org/entity/$1/\"/></listPrefixDef></encodingDesc>\n"
  "  <profileDesc><correspDesc>\n"
  "   <correspAction type=\"sent\"><persName ref=\"#anna\">Anna</persName><placeName>Wien</placeName>\n"
  "    <date when=\"1890-03-03\">3. März 1890</date></correspAction>\n"
  "   <correspAction type=\"received\"><persName key=\"karl\">Karl</persName></correspAction>\n"
  "  </correspDesc></profileDesc>\n"
  " </teiHeader>\n"
  " <text><body><div type=\"letter\">\n"
  "  <opener><dateline><placeName ref=\"#wien\">Wien</placeName>, <date when=\"1890-03-03\">3. März 1890</date></dateline>\n"
  "   <salute>Lieber Karl!</salute></opener>\n"
  "  <p>Ich habe <choice><sic>whenn</sic><corr>wenn</corr></choice> <choice><abbr>Hr.</abbr><expan>Herrn</expan></choice>\n"
  "   <name type=\"person\" ref=\"#karl\">Karl</name> ſon\n"
  "   <lb break=\"no\"/>dern auch <rs type=\"pers\" key=\"anna\">die Schwester</rs> gesehen<note place=\"foot\">Gemeint ist\n"
  "   <persName ref=\"pmb:123\">Berta</persName>.</note>, in <placeName ref=\"gnd:4066009-6\">Wien</placeName>.\n"
  "   <app><lem>Erste</lem><rdg wit=\"#B\">Zweite</rdg></app> Lesung; ein <rs type=\"event\">Ball</rs>\n"
  "   am <date from=\"1890-03-01\" to=\"1890-03-05\">Anfang März</date>.</p>\n"
  "  <closer><salute>Deine</salute>\n"
  "   <signed><persName ref=\"#anna\">Anna</persName></signed></closer>\n"
  "  <postscript><p>PS: <fw type=\"catch\">xx</fw>Grüße.</p></postscript>\n"
  " </div></body>\n"
  " <back>\n"
  "  <listPerson>\n"
  "   <person xml:id=\"anna\"><persName>Anna Muster</persName><birth when=\"1860-05-01\"/><death when=\"1931\"/></person>\n"
  "   <person xml:id=\"karl\"><persName>Karl Muster</persName><idno type=\"GND\">118779362</idno></person>\n"
  "  </listPerson>\n"
  "  <listPlace><place xml:id=\"wien\"><placeName>Wien</placeName>\n"
  "   <location><geo>48,208333 16,373056</geo></location></place></listPlace>\n"
  " </back></text>\n"
  "</TEI>\n";

static void
test_letter (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(SiglaTeiReport) report = sigla_tei_report_new ();
  gint64 id = read_file (fixture, "letter.xml", letter, report);
  g_autoptr(SiglaDocument) document = sigla_document_get (fixture->project, id, NULL);
  g_autoptr(GArray) blocks = sigla_document_get_blocks (fixture->project, id, NULL);
  g_autoptr(GPtrArray) mentions = sigla_mention_list (fixture->project, id, NULL);
  g_autoptr(GPtrArray) entities = sigla_entity_list (fixture->project, NULL);
  const char *expected_text =
    "Wien, 3. März 1890\n"
    "Lieber Karl!\n"
    "Ich habe wenn Herrn Karl ſondern auch die Schwester gesehen, in Wien. Erste Lesung; ein Ball am Anfang März.\n"
    "Gemeint ist Berta.\n"
    "Deine\n"
    "Anna\n"
    "PS: Grüße.";
  const char *expected[][3] = {
    /* words, kind, entity label or date */
    { "Wien", "place", "Wien" },
    { "3. März 1890", "date", "1890-03-03" },
    { "Karl", "person", "Karl Muster" },
    { "die Schwester", "person", "Anna Muster" },
    { "Wien", "place", "Wien" },
    { "Anfang März", "date", "1890-03-01" },
    { "Berta", "person", "Berta" },
    { "Anna", "person", "Anna Muster" },
  };
  gboolean found_karl = FALSE;

  g_assert_cmpint (id, >, 0);
  g_assert_cmpstr (document->text, ==, expected_text);
  g_assert_cmpuint (blocks->len, ==, 7);
  /* The note a block of its own kind, under its paragraph. */
  g_assert_cmpint (g_array_index (blocks, SiglaBlock, 3).kind, ==, SIGLA_BLOCK_NOTE);
  g_assert_cmpint (g_array_index (blocks, SiglaBlock, 2).kind, ==, SIGLA_BLOCK_P);

  /* The letter's own title, not the series'; the date it was sent; the archive. */
  g_assert_cmpstr (document->title, ==, "Anna to Karl, Vienna, 3 March 1890");
  g_assert_cmpstr (document->date, ==, "1890-03-03");
  g_assert_cmpstr (document->archive, ==, "Wien, Wienbibliothek, H.I.N. 1234");
  g_assert_cmpstr (document->sender, ==, "Anna");
  g_assert_cmpstr (document->addressee, ==, "Karl");

  g_assert_cmpuint (mentions->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < mentions->len; i++)
    {
      SiglaMention *mention = mentions->pdata[i];
      g_autofree char *words = g_utf8_substring (document->text, mention->start, mention->end);
      g_autoptr(SiglaEntity) entity = entity_of (fixture, mention);

      g_test_message ("%s", words);
      g_assert_cmpstr (words, ==, expected[i][0]);
      g_assert_cmpstr (sigla_kind_to_string (mention->kind), ==, expected[i][1]);
      if (mention->kind == SIGLA_KIND_DATE)
        g_assert_cmpstr (mention->when != NULL ? mention->when : mention->not_before, ==, expected[i][2]);
      else
        {
          g_assert_nonnull (entity);
          g_assert_cmpstr (entity->label, ==, expected[i][2]);
        }
    }
  g_assert_cmpstr (((SiglaMention *) mentions->pdata[5])->not_after, ==, "1890-03-05");

  /* The registry's three, Berta through the prefix, Wien of the GND apart from the registry's. */
  g_assert_cmpuint (entities->len, ==, 5);
  for (guint i = 0; i < entities->len; i++)
    {
      SiglaEntity *entity = entities->pdata[i];

      if (g_str_equal (entity->label, "Anna Muster"))
        g_assert_cmpstr (entity->description, ==, "1860–1931");
      else if (g_str_equal (entity->label, "Karl Muster"))
        {
          g_assert_cmpuint (entity->authorities->len, ==, 1);
          g_assert_cmpstr (entity->authorities->pdata[0], ==, "https://d-nb.info/gnd/118779362");
          found_karl = TRUE;
        }
      else if (g_str_equal (entity->label, "Berta"))
        g_assert_cmpstr (entity->authorities->pdata[0], ==, "https://pmb.example.org/entity/123/");
      else if (entity->has_geo)
        {
          g_assert_cmpfloat_with_epsilon (entity->lat, 48.208333, 1e-9);
          g_assert_cmpfloat_with_epsilon (entity->lon, 16.373056, 1e-9);
        }
      else
        g_assert_cmpstr (entity->authorities->pdata[0], ==, "https://d-nb.info/gnd/4066009-6");
    }
  g_assert_true (found_karl);

  g_assert_cmpuint (report->documents, ==, 1);
  g_assert_cmpuint (report->blocks, ==, 7);
  g_assert_cmpuint (report->names, ==, 6);
  g_assert_cmpuint (report->names_linked, ==, 6);
  g_assert_cmpuint (report->dates, ==, 2);
  g_assert_cmpuint (report->entities, ==, 3);
  g_assert_cmpuint (report->letters, ==, 1);
  g_assert_cmpuint (report->notes, ==, 1);
  g_assert_cmpuint (report->alternatives, ==, 3);
  g_assert_cmpuint (count_of (report->not_understood, "rs type=event"), ==, 1);
  g_assert_cmpuint (count_of (report->kept_out, "fw"), ==, 1);
  g_assert_cmpuint (count_of (report->kept_out, "listPerson"), ==, 1);
}

static const char grouped[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt><title>Epistola</title>"
  "</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>\n"
  " <text><group>\n"
  "  <text xml:lang=\"la\"><body><p>Salve, <persName ref=\"#x\">amice</persName>.</p></body></text>\n"
  "  <text xml:lang=\"pl\"><body><p>Witaj, <persName ref=\"#ghost\">przyjacielu</persName>.</p>\n"
  "   <table><row><cell>Kraków</cell><cell>1543</cell></row></table>\n"
  "   <sp><speaker>Anna</speaker><l>Pierwszy wers</l><stage>wychodzi</stage></sp></body></text>\n"
  " </group></text>\n"
  " <standOff><listPerson><person xml:id=\"x\"><persName>Amicus</persName></person>"
  "<person xml:id=\"x\"><persName>Twice</persName></person></listPerson></standOff>\n"
  "</TEI>\n";

/* Grouped texts, tables, a play's speech; a reference to a record the file lacks and an id
 * given twice are reported, not refused. */
static void
test_grouped (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(SiglaTeiReport) report = sigla_tei_report_new ();
  gint64 id = read_file (fixture, "group.xml", grouped, report);
  g_autoptr(SiglaDocument) document = sigla_document_get (fixture->project, id, NULL);
  g_autoptr(GPtrArray) mentions = sigla_mention_list (fixture->project, id, NULL);
  g_autoptr(SiglaEntity) ghost = NULL;

  g_assert_cmpstr (document->text, ==,
                   "Salve, amice.\nWitaj, przyjacielu.\nKraków\n1543\nAnna\nPierwszy wers\nwychodzi");
  /* A letter and its translation: the first text's language the original's. */
  g_assert_cmpstr (document->original_language, ==, "la");
  g_assert_cmpstr (document->language, ==, "pl");
  g_assert_cmpuint (mentions->len, ==, 2);
  g_assert_cmpint (((SiglaMention *) mentions->pdata[0])->entity_id, !=, 0);

  /* A record the file points to but lacks: an entity of its own, named by the words, reported. */
  ghost = entity_of (fixture, mentions->pdata[1]);
  g_assert_nonnull (ghost);
  g_assert_cmpstr (ghost->label, ==, "przyjacielu");
  g_assert_cmpstr (ghost->xml_id, ==, "ghost");
  g_assert_cmpuint (count_of (report->outside, "ghost"), ==, 1);
  g_assert_cmpuint (count_of (report->not_understood, "xml:id given twice"), ==, 1);
  g_assert_cmpuint (report->names_linked, ==, 2);
}

static const char registry[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt><title>Orte</title>"
  "</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>\n"
  " <text><body><listPlace>\n"
  "  <place xml:id=\"p1\"><placeName type=\"pref\">Lemberg</placeName><placeName type=\"alt\">Lwów</placeName>\n"
  "   <placeName>Lviv</placeName><location><geo>49.8397, 24.0297</geo></location>\n"
  "   <idno type=\"geonames\">702550</idno><idno type=\"URL\">https://www.wikidata.org/wiki/Q36036</idno></place>\n"
  "  <place xml:id=\"p2\"><placeName>Krakau</placeName><location><geo>50.06,19.94</geo></location>\n"
  "   <place xml:id=\"p3\"><placeName>Kazimierz</placeName></place></place>\n"
  " </listPlace></body></text>\n"
  "</TEI>\n";

/* A file that is only a register: its records become entities, and no document. */
static void
test_registry_only (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(SiglaTeiReport) report = sigla_tei_report_new ();
  gint64 id = read_file (fixture, "orte.xml", registry, report);
  g_autoptr(GPtrArray) entities = sigla_entity_list (fixture->project, NULL);
  SiglaEntity *lemberg = NULL;

  g_assert_cmpint (id, ==, 0);
  g_assert_cmpuint (report->entities, ==, 3);
  g_assert_cmpuint (entities->len, ==, 3);
  for (guint i = 0; i < entities->len; i++)
    if (g_str_equal (((SiglaEntity *) entities->pdata[i])->label, "Lemberg"))
      lemberg = entities->pdata[i];
  g_assert_nonnull (lemberg);
  g_assert_cmpuint (lemberg->aliases->len, ==, 2);
  g_assert_true (lemberg->has_geo);
  g_assert_cmpfloat_with_epsilon (lemberg->lon, 24.0297, 1e-9);
  g_assert_cmpuint (lemberg->authorities->len, ==, 2);
  g_assert_cmpstr (lemberg->authorities->pdata[0], ==, "https://sws.geonames.org/702550");
}

/* The readings the text does not show are there for a reader who asks, by the words shown. */
static void
test_alternatives (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 id = read_file (fixture, "letter.xml", letter, NULL);
  g_autoptr(SiglaDocument) document = sigla_document_get (fixture->project, id, NULL);
  g_autoptr(GBytes) source = sigla_document_get_source (fixture->project, id, NULL);
  g_autoptr(GPtrArray) alternatives = sigla_tei_alternatives_read (source, document->text, document->reading);
  const char *expected[][4] = {
    /* shown words, shown element, other element, other words */
    { "wenn", "corr", "sic", "whenn" },
    { "Herrn", "expan", "abbr", "Hr." },
    { "Erste", "lem", "rdg", "Zweite" },
  };

  g_assert_nonnull (alternatives);
  g_assert_cmpuint (alternatives->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < alternatives->len; i++)
    {
      SiglaTeiAlternative *alternative = alternatives->pdata[i];
      g_autofree char *words = g_utf8_substring (document->text, alternative->start, alternative->end);

      g_assert_cmpstr (words, ==, expected[i][0]);
      g_assert_cmpstr (alternative->shown, ==, expected[i][1]);
      g_assert_cmpstr (alternative->other, ==, expected[i][2]);
      g_assert_cmpstr (alternative->other_text, ==, expected[i][3]);
    }
  g_assert_cmpstr (((SiglaTeiAlternative *) alternatives->pdata[2])->witness, ==, "#B");

  /* A text the file no longer gives: no offsets to trust. */
  g_assert_null (sigla_tei_alternatives_read (source, "another text", document->reading));
}

/* Names that end on a space, or start before a word joined across a line break: the space
 * the reading text drops is not theirs (found by review and fuzzing: the import was refused). */
static void
test_spaces_at_edges (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char edges[] =
    "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body>\n"
    "<p>Dear <persName>Anna </persName></p>\n"
    "<p>Karl <persName><lb break=\"no\"/>Marx</persName> wrote <choice><sic>thsi </sic><corr>this </corr></choice></p>\n"
    "<p>to <persName>John </persName></p>\n"
    "</body></text></TEI>\n";
  gint64 id = read_file (fixture, "edges.xml", edges, NULL);
  g_autoptr(SiglaDocument) document = sigla_document_get (fixture->project, id, NULL);
  g_autoptr(GPtrArray) mentions = sigla_mention_list (fixture->project, id, NULL);
  g_autoptr(GBytes) source = sigla_document_get_source (fixture->project, id, NULL);
  g_autoptr(GPtrArray) alternatives = sigla_tei_alternatives_read (source, document->text, document->reading);
  const char *expected[] = { "Anna", "Marx", "John" };

  g_assert_cmpstr (document->text, ==, "Dear Anna\nKarlMarx wrote this\nto John");
  g_assert_cmpuint (mentions->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < mentions->len; i++)
    {
      SiglaMention *mention = mentions->pdata[i];
      g_autofree char *words = g_utf8_substring (document->text, mention->start, mention->end);

      g_assert_cmpstr (words, ==, expected[i]);
    }
  g_assert_cmpuint (alternatives->len, ==, 1);
  {
    SiglaTeiAlternative *alternative = alternatives->pdata[0];
    g_autofree char *words = g_utf8_substring (document->text, alternative->start, alternative->end);

    g_assert_cmpstr (words, ==, "this");
  }
}

/* -- export: the edition back, annotated ---------------------------------------- */

static GBytes *
export_document (Fixture *fixture,
                 gint64   id)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (sigla_tei_write_document (fixture->project, id, NULL, output, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (output, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));
}

static SiglaMention *
find_mention (GPtrArray   *mentions,
              const char  *text,
              const char  *words,
              guint        nth)
{
  for (guint i = 0; i < mentions->len; i++)
    {
      SiglaMention *mention = mentions->pdata[i];
      g_autofree char *span = g_utf8_substring (text, mention->start, mention->end);

      if (g_str_equal (span, words) && nth-- == 0)
        return mention;
    }
  g_assert_not_reached ();
}

/* The code points of the @nth @words in @text. */
static void
find_words (const char *text,
            const char *words,
            guint       nth,
            gint64     *start,
            gint64     *end)
{
  const char *at = text;

  for (at = strstr (at, words); at != NULL && nth > 0; nth--)
    at = strstr (at + 1, words);
  g_assert_nonnull (at);
  *start = g_utf8_pointer_to_offset (text, at);
  *end = *start + g_utf8_strlen (words, -1);
}

static gint64
add_person (Fixture    *fixture,
            const char *name,
            const char *uri)
{
  g_autoptr(SiglaEntity) entity = sigla_entity_new (SIGLA_KIND_PERSON, name);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (entity->authorities, g_strdup (uri));
  g_assert_true (sigla_entity_insert (fixture->project, entity, &error));
  g_assert_no_error (error);
  return entity->id;
}

/* Takes away what Sigla added, as an editor would to compare: the elements
 * with its @resp (the names and said in the text unwrapped, their words kept;
 * records and the rest removed) and its respStmt. */
static void
strip_additions (xmlNode    *node,
                 const char *resp)
{
  for (xmlNode *c = node->children, *next; c != NULL; c = next)
    {
      xmlChar *value = NULL;
      xmlChar *id = NULL;

      next = c->next;
      if (c->type != XML_ELEMENT_NODE)
        continue;
      strip_additions (c, resp);
      value = xmlGetProp (c, BAD_CAST "resp");
      id = xmlGetNsProp (c, BAD_CAST "id", XML_XML_NAMESPACE);
      if (g_strcmp0 ((const char *) id, resp + 1) == 0)
        {
          xmlUnlinkNode (c);
          xmlFreeNode (c);
        }
      else if (g_strcmp0 ((const char *) value, resp) == 0)
        {
          gboolean in_text = FALSE;

          for (xmlNode *a = c->parent; a != NULL; a = a->parent)
            in_text = in_text || (a->type == XML_ELEMENT_NODE && g_str_equal ((const char *) a->name, "text"));
          if (in_text && !g_str_equal ((const char *) c->name, "person") &&
              !g_str_equal ((const char *) c->name, "place") && !g_str_equal ((const char *) c->name, "org"))
            while (c->children != NULL)
              {
                xmlNode *child = c->children;

                xmlUnlinkNode (child);
                xmlAddPrevSibling (c, child);
              }
          xmlUnlinkNode (c);
          xmlFreeNode (c);
        }
      xmlFree (value);
      xmlFree (id);
    }
}

static char *
canonical (const char *data,
           gsize       size,
           gboolean    strip)
{
  xmlDoc *doc = xmlReadMemory (data, size, NULL, NULL, XML_PARSE_NONET);
  xmlChar *out = NULL;
  char *copy;

  g_assert_nonnull (doc);
  if (strip)
    strip_additions ((xmlNode *) doc, "#sigla");
  g_assert_cmpint (xmlC14NDocDumpMemory (doc, NULL, XML_C14N_1_0, NULL, 0, &out), >, 0);
  copy = g_strdup ((const char *) out);
  xmlFree (out);
  xmlFreeDoc (doc);
  return copy;
}

/* Untouched, the edition comes back as the bytes it came in. */
static void
test_export_untouched (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 id = read_file (fixture, "letter.xml", letter, NULL);
  g_autoptr(GBytes) exported = export_document (fixture, id);
  g_autoptr(GBytes) original = g_bytes_new_static (letter, strlen (letter));

  g_assert_true (g_bytes_equal (exported, original));
}

/* New annotations are woven into the edition's own markup: take them away
 * again and the file is what it was (C14N); read back, they are all there. */
static void
test_export_additions (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 id = read_file (fixture, "letter.xml", letter, NULL);
  g_autoptr(SiglaDocument) document = sigla_document_get (fixture->project, id, NULL);
  gint64 kraus = add_person (fixture, "Karl Kraus", "http://www.wikidata.org/entity/Q78563");
  g_autoptr(SiglaClaim) claim = sigla_claim_new ();
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *dir = sigla_test_make_dir ();
  g_autoptr(SiglaProject) other = sigla_test_new_project (dir, NULL);
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GPtrArray) read_back = NULL;
  g_autoptr(GPtrArray) claims_back = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gint64 start, end, back_id = 0;
  const char *text;
  gsize size;

  /* A name in the salute; one across a choice; a claim across a name and a note. */
  find_words (document->text, "Karl", 0, &start, &end);
  sigla_test_add_mention (fixture->project, id, SIGLA_KIND_PERSON, kraus, start, end);
  find_words (document->text, "habe wenn", 0, &start, &end);
  sigla_test_add_mention (fixture->project, id, SIGLA_KIND_PERSON, kraus, start, end);
  find_words (document->text, "Schwester gesehen, in", 0, &start, &end);
  claim->document_id = id;
  claim->start = start;
  claim->end = end;
  claim->speaker_id = kraus;
  claim->paraphrase = g_strdup ("She saw her sister");
  g_assert_true (sigla_claim_insert (fixture->project, claim, &error));
  g_assert_no_error (error);

  exported = export_document (fixture, id);
  text = g_bytes_get_data (exported, &size);
  g_assert_nonnull (strstr (text, "<persName resp=\"#sigla\" ref=\"#karl-kraus\">Karl</persName>!"));
  g_assert_nonnull (strstr (text, "<person resp=\"#sigla\" xml:id=\"karl-kraus\">"));
  g_assert_nonnull (strstr (text, "http://www.wikidata.org/entity/Q78563"));

  before = canonical (letter, strlen (letter), FALSE);
  after = canonical (text, size, TRUE);
  g_assert_cmpstr (after, ==, before);

  /* Read back into a new project: the same text, the same names and dates, the claim. */
  bytes = g_bytes_new (text, size);
  back_id = read_bytes (other, "letter.xml", bytes, NULL);
  {
    g_autoptr(SiglaDocument) back = sigla_document_get (other, back_id, NULL);

    g_assert_cmpstr (back->text, ==, document->text);
  }
  mentions = sigla_mention_list (fixture->project, id, NULL);
  read_back = sigla_mention_list (other, back_id, NULL);
  g_assert_cmpuint (read_back->len, ==, mentions->len);
  for (guint i = 0; i < mentions->len; i++)
    {
      SiglaMention *a = mentions->pdata[i], *b = read_back->pdata[i];
      g_autoptr(SiglaEntity) x = entity_of (fixture, a);
      g_autoptr(SiglaEntity) y = a->entity_id != 0 ? sigla_entity_get (other, b->entity_id, NULL) : NULL;

      g_assert_cmpint (b->start, ==, a->start);
      g_assert_cmpint (b->end, ==, a->end);
      g_assert_cmpint (b->kind, ==, a->kind);
      if (x != NULL)
        g_assert_cmpstr (y->label, ==, x->label);
    }
  claims_back = sigla_claim_list (other, back_id, NULL);
  g_assert_cmpuint (claims_back->len, ==, 1);
  g_assert_cmpint (((SiglaClaim *) claims_back->pdata[0])->start, ==, claim->start);
  g_assert_cmpint (((SiglaClaim *) claims_back->pdata[0])->end, ==, claim->end);
  g_assert_cmpstr (((SiglaClaim *) claims_back->pdata[0])->paraphrase, ==, "She saw her sister");

  g_clear_object (&other);
  sigla_test_remove_dir (dir);
}

static const char pieces[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt><title>Pieces</title></titleStmt>"
  "<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>\n"
  "<text><body>\n"
  "<p>We met <persName xml:id=\"a1\" next=\"#a2\">Anna</persName> <hi><persName xml:id=\"a2\">Muster</persName></hi>"
  " and <said who=\"#k\" xml:id=\"s1\" next=\"#s2\">she said</said> <hi><said xml:id=\"s2\">no</said></hi>.</p>\n"
  "</body><back><listPerson><person xml:id=\"k\"><persName>Karl</persName></person></listPerson></back></text>"
  "</TEI>\n";

/* Names and said cut in pieces (@next) are one annotation each: exported, they are the same
 * pieces, not wrapped again; deleted, every piece goes. */
static void
test_export_pieces (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 id = read_file (fixture, "pieces.xml", pieces, NULL);
  g_autoptr(SiglaDocument) document = sigla_document_get (fixture->project, id, NULL);
  g_autoptr(GPtrArray) mentions = sigla_mention_list (fixture->project, id, NULL);
  g_autoptr(GPtrArray) claims = sigla_claim_list (fixture->project, id, NULL);
  g_autoptr(GBytes) untouched = NULL;
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *span = NULL;
  gint64 start, end;
  const char *text;

  g_assert_cmpuint (mentions->len, ==, 1);
  span = g_utf8_substring (document->text, ((SiglaMention *) mentions->pdata[0])->start,
                           ((SiglaMention *) mentions->pdata[0])->end);
  g_assert_cmpstr (span, ==, "Anna Muster");
  g_assert_cmpuint (claims->len, ==, 1);

  untouched = export_document (fixture, id);
  g_assert_cmpuint (g_bytes_get_size (untouched), ==, strlen (pieces));
  g_assert_cmpint (memcmp (g_bytes_get_data (untouched, NULL), pieces, strlen (pieces)), ==, 0);

  /* Something new elsewhere: the pieces stay as they are, wrapped in nothing new. */
  find_words (document->text, "We met", 0, &start, &end);
  sigla_test_add_mention (fixture->project, id, SIGLA_KIND_PERSON, ((SiglaMention *) mentions->pdata[0])->entity_id,
                          start, end);
  exported = export_document (fixture, id);
  {
    g_autofree char *before = canonical (pieces, strlen (pieces), FALSE);
    g_autofree char *after = canonical (g_bytes_get_data (exported, NULL), g_bytes_get_size (exported), TRUE);

    g_assert_cmpstr (after, ==, before);
  }

  /* Deleted: both pieces go, the words stay. */
  g_assert_true (sigla_mention_delete (fixture->project, ((SiglaMention *) mentions->pdata[0])->id, &error));
  g_clear_pointer (&exported, g_bytes_unref);
  exported = export_document (fixture, id);
  text = g_bytes_get_data (exported, NULL);
  g_assert_null (strstr (text, "xml:id=\"a1\""));
  g_assert_null (strstr (text, "xml:id=\"a2\""));
  g_assert_nonnull (strstr (text, "Anna <hi>Muster</hi>"));
}

/* Ids the project cannot keep as they are ("person.14" has a dot; "x:k" is no id at all) are
 * renamed in the project, and the file still comes back as it was. */
static void
test_export_renamed_ids (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char renamed[] =
    "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body>\n"
    "<p><persName ref=\"#person.14\">Karl</persName> and <persName key=\"x:k\">Berta</persName>.</p>\n"
    "</body><back><listPerson><person xml:id=\"person.14\"><persName>Karl Kraus</persName></person>"
    "</listPerson></back></text></TEI>\n";
  gint64 id = read_file (fixture, "renamed.xml", renamed, NULL);
  g_autoptr(GPtrArray) mentions = sigla_mention_list (fixture->project, id, NULL);
  g_autoptr(GBytes) exported = NULL;

  g_assert_cmpuint (mentions->len, ==, 2);
  g_assert_cmpint (((SiglaMention *) mentions->pdata[0])->entity_id, !=, 0);
  g_assert_cmpint (((SiglaMention *) mentions->pdata[1])->entity_id, !=, 0);
  exported = export_document (fixture, id);
  g_assert_cmpuint (g_bytes_get_size (exported), ==, strlen (renamed));
  g_assert_cmpint (memcmp (g_bytes_get_data (exported, NULL), renamed, strlen (renamed)), ==, 0);
}

/* Spans from a paragraph into the note read after it, and from the note into the next block:
 * blocks that do not stand in the tree in their text's order. Woven a part a block, they come
 * back whole, and the file without them is what it was. */
static void
test_export_across_notes (Fixture       *fixture,
                          gconstpointer  data)
{
  gint64 id = read_file (fixture, "letter.xml", letter, NULL);
  g_autoptr(SiglaDocument) document = sigla_document_get (fixture->project, id, NULL);
  gint64 kraus = add_person (fixture, "Karl Kraus", "http://www.wikidata.org/entity/Q78563");
  g_autoptr(SiglaClaim) claim = sigla_claim_new ();
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sigla_test_make_dir ();
  g_autoptr(SiglaProject) other = sigla_test_new_project (dir, NULL);
  g_autoptr(GPtrArray) back_mentions = NULL;
  g_autoptr(GPtrArray) back_claims = NULL;
  gint64 start, end, mention_start, mention_end, back_id = 0;

  find_words (document->text, "März.\nGemeint", 0, &mention_start, &mention_end);
  sigla_test_add_mention (fixture->project, id, SIGLA_KIND_PERSON, kraus, mention_start, mention_end);
  find_words (document->text, "Berta.\nDeine", 0, &start, &end);
  claim->document_id = id;
  claim->start = start;
  claim->end = end;
  claim->speaker_id = kraus;
  g_assert_true (sigla_claim_insert (fixture->project, claim, &error));
  g_assert_no_error (error);

  exported = export_document (fixture, id);
  {
    g_autofree char *before = canonical (letter, strlen (letter), FALSE);
    g_autofree char *after = canonical (g_bytes_get_data (exported, NULL), g_bytes_get_size (exported), TRUE);

    g_assert_cmpstr (after, ==, before);
  }

  back_id = read_bytes (other, "letter.xml", exported, NULL);
  back_mentions = sigla_mention_list (other, back_id, NULL);
  back_claims = sigla_claim_list (other, back_id, NULL);
  g_assert_cmpuint (back_claims->len, ==, 1);
  g_assert_cmpint (((SiglaClaim *) back_claims->pdata[0])->start, ==, start);
  g_assert_cmpint (((SiglaClaim *) back_claims->pdata[0])->end, ==, end);
  for (guint i = 0; i < back_mentions->len; i++)
    if (((SiglaMention *) back_mentions->pdata[i])->start == mention_start)
      {
        g_assert_cmpint (((SiglaMention *) back_mentions->pdata[i])->end, ==, mention_end);
        mention_start = -1;
      }
  g_assert_cmpint (mention_start, ==, -1);

  g_clear_object (&other);
  sigla_test_remove_dir (dir);
}

/* A member of another tool's corpus keeps the TEI namespace and language it inherits: its
 * export is TEI of its own. */
static void
test_corpus_members (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char corpus[] =
    "<teiCorpus xmlns=\"http://www.tei-c.org/ns/1.0\" xml:lang=\"de\"><teiHeader><fileDesc><titleStmt>"
    "<title>Briefe</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc>"
    "</fileDesc></teiHeader>\n"
    "<TEI><teiHeader><fileDesc><titleStmt><title>Erster</title></titleStmt><publicationStmt><p/>"
    "</publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader><text><body><p>Lieber "
    "<persName>Karl</persName>.</p></body></text></TEI>\n"
    "<TEI><teiHeader><fileDesc><titleStmt><title>Zweiter</title></titleStmt><publicationStmt><p/>"
    "</publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader><text><body><p>Liebe Anna.</p>"
    "</body></text></TEI>\n"
    "</teiCorpus>\n";
  gint64 first = read_file (fixture, "corpus.xml", corpus, NULL);
  g_autoptr(GBytes) exported = NULL;
  xmlDoc *doc;
  xmlNode *root;
  xmlChar *lang;

  g_assert_cmpint (first, >, 0);
  exported = export_document (fixture, first);
  doc = xmlReadMemory (g_bytes_get_data (exported, NULL), g_bytes_get_size (exported), NULL, NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  root = xmlDocGetRootElement (doc);
  g_assert_cmpstr ((const char *) root->name, ==, "TEI");
  g_assert_nonnull (root->ns);
  g_assert_cmpstr ((const char *) root->ns->href, ==, "http://www.tei-c.org/ns/1.0");
  lang = xmlNodeGetLang (root);
  g_assert_cmpstr ((const char *) lang, ==, "de");
  xmlFree (lang);
  xmlFreeDoc (doc);
}

/* The registry's Wien, with its coordinates. */
static gint64
vienna_entity (Fixture *fixture)
{
  g_autoptr(GPtrArray) entities = sigla_entity_list (fixture->project, NULL);

  for (guint i = 0; i < entities->len; i++)
    if (((SiglaEntity *) entities->pdata[i])->has_geo)
      return ((SiglaEntity *) entities->pdata[i])->id;
  g_assert_not_reached ();
}

/* Names the file had, edited in Sigla: relinked in place, deleted (words kept), retagged. */
static void
test_export_edits (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 id = read_file (fixture, "letter.xml", letter, NULL);
  g_autoptr(SiglaDocument) document = sigla_document_get (fixture->project, id, NULL);
  g_autoptr(GPtrArray) mentions = sigla_mention_list (fixture->project, id, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) exported = NULL;
  SiglaMention *sister = find_mention (mentions, document->text, "die Schwester", 0);
  SiglaMention *vienna = find_mention (mentions, document->text, "Wien", 1);
  SiglaMention *karl = find_mention (mentions, document->text, "Karl", 0);
  gint64 kraus = add_person (fixture, "Karl Kraus", "http://www.wikidata.org/entity/Q78563");
  gint64 start = sister->start, end = sister->end;
  gint64 karl_start = karl->start, karl_end = karl->end;
  gint64 place = 0;
  const char *text;

  /* Relinked: the rs stays, its @key gives way to a @ref to the new person. */
  g_assert_true (sigla_mention_delete (fixture->project, sister->id, &error));
  sigla_test_add_mention (fixture->project, id, SIGLA_KIND_PERSON, kraus, start, end);
  /* Deleted: the placeName goes, "Wien" stays. */
  g_assert_true (sigla_mention_delete (fixture->project, vienna->id, &error));
  /* Retagged: Karl as a place, Vienna (for the test). */
  place = vienna_entity (fixture);
  g_assert_true (sigla_mention_delete (fixture->project, karl->id, &error));
  sigla_test_add_mention (fixture->project, id, SIGLA_KIND_PLACE, place, karl_start, karl_end);
  g_assert_no_error (error);

  exported = export_document (fixture, id);
  text = g_bytes_get_data (exported, NULL);
  g_assert_nonnull (strstr (text, "<rs type=\"pers\" ref=\"#karl-kraus\">die Schwester</rs>"));
  g_assert_null (strstr (text, "gnd:4066009-6"));
  g_assert_nonnull (strstr (text, ", in Wien."));
  g_assert_nonnull (strstr (text, "<name type=\"place\" ref=\"#wien\">Karl</name>"));
}

/* The project reads other editions diplomatically when its setting says so: sic, abbr, the
 * first variant. A document keeps the reading it was read with, whatever the setting says
 * later, and its export still gives the file back. */
static void
test_diplomatic (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SiglaDocument) document = NULL;
  g_autoptr(GBytes) source = NULL;
  g_autoptr(GPtrArray) alternatives = NULL;
  g_autoptr(GBytes) exported = NULL;
  g_autofree char *setting = NULL;
  gint64 id, start, end;

  g_assert_true (sigla_settings_set (fixture->project, SIGLA_SETTING_TEI_READING, "diplomatic", &error));
  g_assert_no_error (error);
  id = read_file (fixture, "letter.xml", letter, NULL);
  document = sigla_document_get (fixture->project, id, NULL);
  g_assert_cmpstr (document->reading, ==, "diplomatic");
  g_assert_nonnull (strstr (document->text, "Ich habe whenn Hr. Karl"));
  g_assert_nonnull (strstr (document->text, "Zweite Lesung"));

  source = sigla_document_get_source (fixture->project, id, NULL);
  alternatives = sigla_tei_alternatives_read (source, document->text, document->reading);
  g_assert_nonnull (alternatives);
  g_assert_cmpstr (((SiglaTeiAlternative *) alternatives->pdata[0])->other, ==, "corr");
  g_assert_cmpstr (((SiglaTeiAlternative *) alternatives->pdata[0])->other_text, ==, "wenn");

  /* The setting goes back (an undo): the document is still read as it was. */
  g_assert_true (sigla_project_undo (fixture->project, NULL, &error));
  setting = sigla_settings_get (fixture->project, SIGLA_SETTING_TEI_READING, &error);
  g_assert_cmpstr (setting, ==, "diplomatic");
  g_clear_pointer (&setting, g_free);
  g_assert_true (sigla_project_undo (fixture->project, NULL, &error));
  setting = sigla_settings_get (fixture->project, SIGLA_SETTING_TEI_READING, &error);
  g_assert_cmpstr (setting, ==, "edited");
  g_assert_true (sigla_project_redo (fixture->project, NULL, &error));
  g_assert_true (sigla_project_redo (fixture->project, NULL, &error));

  find_words (document->text, "whenn Hr.", 0, &start, &end);
  sigla_test_add_mention (fixture->project, id, SIGLA_KIND_PERSON,
                          add_person (fixture, "Karl Kraus", "http://www.wikidata.org/entity/Q78563"), start, end);
  exported = export_document (fixture, id);
  {
    g_autofree char *before = canonical (letter, strlen (letter), FALSE);
    g_autofree char *after = canonical (g_bytes_get_data (exported, NULL), g_bytes_get_size (exported), TRUE);

    g_assert_cmpstr (after, ==, before);
  }

  g_assert_false (sigla_settings_set (fixture->project, SIGLA_SETTING_TEI_READING, "modern", &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/tei/foreign/letter", test_letter);
  ADD ("/tei/foreign/grouped", test_grouped);
  ADD ("/tei/foreign/registry-only", test_registry_only);
  ADD ("/tei/foreign/alternatives", test_alternatives);
  ADD ("/tei/foreign/diplomatic", test_diplomatic);
  ADD ("/tei/foreign/spaces-at-edges", test_spaces_at_edges);
  ADD ("/tei/foreign/corpus-members", test_corpus_members);
  ADD ("/tei/foreign/export/untouched", test_export_untouched);
  ADD ("/tei/foreign/export/additions", test_export_additions);
  ADD ("/tei/foreign/export/edits", test_export_edits);
  ADD ("/tei/foreign/export/pieces", test_export_pieces);
  ADD ("/tei/foreign/export/renamed-ids", test_export_renamed_ids);
  ADD ("/tei/foreign/export/across-notes", test_export_across_notes);

#undef ADD

  return g_test_run ();
}
