/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-tei-read.c: TEI import: Sigla's own export reads back without loss, other tools'
 * TEI becomes documents, entities and mentions, and hostile XML is refused safely. */

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>

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

static const SiglaTeiOptions options = { "Test Annotator" };

static gint64
add_entity (SiglaProject *project,
            SiglaKind     kind,
            const char   *label,
            const char   *alias,
            const char   *authority)
{
  g_autoptr(SiglaEntity) entity = sigla_entity_new (kind, label);

  if (alias != NULL)
    sigla_entity_add_alias (entity, alias, kind == SIGLA_KIND_PERSON ? "pseudonym" : "variant");
  if (authority != NULL)
    g_ptr_array_add (entity->authorities, g_strdup (authority));
  if (kind == SIGLA_KIND_PLACE)
    {
      entity->has_geo = TRUE;
      entity->lat = 37.97;
      entity->lon = 126.55;
    }
  entity->note = g_strdup ("A note\nover two lines, with <angles> & “quotes”");
  g_assert_true (sigla_entity_insert (project, entity, NULL));
  return entity->id;
}

/* Tags every occurrence of @word in the document as @entity (or a date). */
static void
tag_all (SiglaProject *project,
         gint64        document,
         const char   *word,
         SiglaKind     kind,
         gint64        entity)
{
  g_autoptr(SiglaDocument) read = sigla_document_get (project, document, NULL);

  for (const char *found = strstr (read->text, word); found != NULL; found = strstr (found + 1, word))
    {
      g_autoptr(SiglaMention) mention = sigla_mention_new ();

      mention->document_id = document;
      mention->kind = kind;
      mention->entity_id = entity;
      mention->start = g_utf8_pointer_to_offset (read->text, found);
      mention->end = mention->start + g_utf8_strlen (word, -1);
      if (kind == SIGLA_KIND_DATE)
        mention->when = g_strdup ("1951-07-12");
      g_assert_true (sigla_mention_insert (project, mention, NULL));
    }
}

/* A claim over [start, end) of the text, crossing whatever lies there. */
static void
add_claim (SiglaProject *project,
           gint64        document,
           gint64        start,
           gint64        end,
           gint64        speaker,
           gint64        reporter,
           gint64        about)
{
  g_autoptr(SiglaClaim) claim = sigla_claim_new ();

  claim->document_id = document;
  claim->start = start;
  claim->end = end;
  claim->speaker_id = speaker;
  claim->reporter_id = reporter;
  claim->stance = g_strdup ("proposes");
  claim->certainty = g_strdup ("medium");
  claim->paraphrase = g_strdup ("They propose the 38th parallel & a buffer zone");
  if (about != 0)
    g_array_append_val (claim->about, about);
  g_assert_true (sigla_claim_insert (project, claim, NULL));
}

/* The seeds annotated much as a historian would, overlaps and all. */
static void
annotate_seeds (SiglaProject *project)
{
  const char *seeds[] = { "000", "001", "002", "003", "004" };
  gint64 stalin = add_entity (project, SIGLA_KIND_PERSON, "Joseph Stalin", "Filippov",
                              "http://www.wikidata.org/entity/Q855");
  gint64 mao = add_entity (project, SIGLA_KIND_PERSON, "Mao Zedong", NULL, NULL);
  gint64 li = add_entity (project, SIGLA_KIND_PERSON, "Li Kenong", "Le Kenong", NULL);
  gint64 kaesong = add_entity (project, SIGLA_KIND_PLACE, "Kaesong", "Gaeseong", NULL);
  gint64 parallel = add_entity (project, SIGLA_KIND_PLACE, "38th parallel", NULL, NULL);
  gint64 un = add_entity (project, SIGLA_KIND_ORG, "United Nations", "UN", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      gint64 document = sigla_test_import_seed (project, seeds[i]);
      g_autoptr(SiglaDocument) read = sigla_document_get (project, document, NULL);

      tag_all (project, document, "Filippov", SIGLA_KIND_PERSON, stalin);
      tag_all (project, document, "FILIPPOV", SIGLA_KIND_PERSON, stalin);
      tag_all (project, document, "Mao Zedong", SIGLA_KIND_PERSON, mao);
      tag_all (project, document, "Li Kenong", SIGLA_KIND_PERSON, li);
      tag_all (project, document, "Kaesong", SIGLA_KIND_PLACE, kaesong);
      tag_all (project, document, "38th parallel", SIGLA_KIND_PLACE, parallel);
      tag_all (project, document, "parallel", SIGLA_KIND_PLACE, parallel);   /* inside the one above */
      tag_all (project, document, "UN", SIGLA_KIND_ORG, un);
      tag_all (project, document, "1951", SIGLA_KIND_DATE, 0);

      /* Claims that cross paragraphs and overlap names without nesting. */
      add_claim (project, document, 3, MIN (read->length, 700), stalin, mao, parallel);
      add_claim (project, document, read->length / 2, read->length - 1, li, 0, kaesong);
      add_claim (project, document, 5, 9, mao, 0, 0);
    }
}

static GBytes *
export_document (SiglaProject *project,
                 gint64        document)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (sigla_tei_write_document (project, document, &options, memory, &error));
  g_assert_no_error (error);
  g_output_stream_close (memory, NULL, NULL);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

/* Export → import into a new project → export gives the same bytes, for every seed. */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.sigla", NULL);
  g_autoptr(SiglaProject) other = sigla_project_create (other_path, NULL);
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) imported = NULL;
  SiglaCounts before, after;

  annotate_seeds (fixture->project);
  documents = sigla_document_list (fixture->project, NULL);
  g_assert_cmpuint (documents->len, ==, 5);

  for (guint i = 0; i < documents->len; i++)
    {
      SiglaDocument *document = documents->pdata[i];
      g_autoptr(GBytes) first = export_document (fixture->project, document->id);
      g_autofree char *name = g_strdup_printf ("seed-%u.xml", i);
      g_autofree char *path = sigla_test_write_file (fixture->dir, name, g_bytes_get_data (first, NULL),
                                                     g_bytes_get_size (first));
      g_autoptr(GBytes) second = NULL;
      g_autoptr(GError) error = NULL;
      gint64 id = sigla_import_file (other, path, &error);

      g_assert_no_error (error);
      g_assert_cmpint (id, >, 0);
      second = export_document (other, id);
      g_assert_cmpmem (g_bytes_get_data (second, NULL), g_bytes_get_size (second),
                       g_bytes_get_data (first, NULL), g_bytes_get_size (first));
    }

  /* The same annotations, and the entities once each for all five files. */
  g_assert_true (sigla_project_get_counts (fixture->project, &before, NULL));
  g_assert_true (sigla_project_get_counts (other, &after, NULL));
  g_assert_cmpint (after.documents, ==, before.documents);
  g_assert_cmpint (after.mentions, ==, before.mentions);
  g_assert_cmpint (after.claims, ==, before.claims);
  g_assert_cmpint (after.entities, ==, before.entities);
  g_assert_cmpint (before.mentions, >, 50);

  /* The reading texts are the same. */
  imported = sigla_document_list (other, NULL);
  for (guint i = 0; i < documents->len; i++)
    {
      g_autoptr(SiglaDocument) a = sigla_document_get (fixture->project, ((SiglaDocument *) documents->pdata[i])->id, NULL);
      g_autoptr(SiglaDocument) b = sigla_document_get (other, ((SiglaDocument *) imported->pdata[i])->id, NULL);

      g_assert_cmpstr (b->text, ==, a->text);
      g_assert_cmpstr (b->title, ==, a->title);
      g_assert_cmpstr (b->date, ==, a->date);
      g_assert_cmpstr (b->citation, ==, a->citation);
      g_assert_cmpstr (b->source_name, ==, a->source_name);
    }
}

static const char other_tool_tei[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">\n"
  "  <teiHeader><fileDesc>\n"
  "    <titleStmt><title>Letter from Gao Gang</title></titleStmt>\n"
  "    <publicationStmt><p>x</p></publicationStmt>\n"
  "    <sourceDesc><listPerson>\n"
  "      <person xml:id=\"gg\"><persName>Gao   Gang</persName>\n"
  "        <idno type=\"wikidata\">http://www.wikidata.org/entity/Q363452</idno></person>\n"
  "    </listPerson></sourceDesc>\n"
  "  </fileDesc></teiHeader>\n"
  "  <text><body>\n"
  "    <head>To Comrade\n      Stalin</head>\n"
  "    <p>We received a telegram from\n"
  "       <persName ref=\"http://www.wikidata.org/entity/Q5816\">Comrade Mao</persName> on\n"
  "       <date when=\"1951-06-13\">13 June</date>; <rs type=\"place\" ref=\"https://www.geonames.org/1840886\">Kaesong</rs>\n"
  "       and <placeName ref=\"https://www.geonames.org/1840886\">Gaeseong</placeName>.<note>Editor's note.</note></p>\n"
  "    <list><item>Signed: <persName ref=\"#gg\">Gao Gang</persName></item>\n"
  "      <item>and <persName>Kim Il Sung</persName>, <date>14 June 1951</date></item></list>\n"
  "  </body></text>\n"
  "</TEI>\n";

static void
test_other_tools (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = sigla_test_write_file (fixture->dir, "other.xml", other_tool_tei, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SiglaDocument) document = NULL;
  g_autoptr(GArray) blocks = NULL;
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  gint64 id = sigla_import_file (fixture->project, path, &error);
  const char *expected_text =
    "To Comrade Stalin\n"
    "We received a telegram from Comrade Mao on 13 June; Kaesong and Gaeseong.\n"
    "Editor's note.\n"
    "Signed: Gao Gang\n"
    "and Kim Il Sung, 14 June 1951";
  const char *expected[][3] = {
    /* text, kind, entity label */
    { "Comrade Mao", "person", "Comrade Mao" },
    { "13 June", "date", "1951-06-13" },
    { "Kaesong", "place", "Kaesong" },
    { "Gaeseong", "place", "Kaesong" },
    { "Gao Gang", "person", "Gao Gang" },
    { "Kim Il Sung", "person", NULL },
    { "14 June 1951", "date", "1951-06-14" },
  };

  g_assert_no_error (error);
  document = sigla_document_get (fixture->project, id, NULL);
  g_assert_cmpstr (document->title, ==, "Letter from Gao Gang");
  g_assert_cmpstr (document->text, ==, expected_text);
  blocks = sigla_document_get_blocks (fixture->project, id, NULL);
  /* The note is read under its paragraph, as a block of its own: never inside the sentence. */
  g_assert_cmpuint (blocks->len, ==, 5);
  g_assert_cmpint (g_array_index (blocks, SiglaBlock, 0).kind, ==, SIGLA_BLOCK_HEAD);
  g_assert_cmpint (g_array_index (blocks, SiglaBlock, 3).kind, ==, SIGLA_BLOCK_ITEM);

  mentions = sigla_mention_list (fixture->project, id, NULL);
  entities = sigla_entity_list (fixture->project, NULL);
  g_assert_cmpuint (mentions->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < mentions->len; i++)
    {
      SiglaMention *mention = mentions->pdata[i];
      g_autofree char *span = g_utf8_substring (document->text, mention->start, mention->end);

      g_assert_cmpstr (span, ==, expected[i][0]);
      g_assert_cmpstr (sigla_kind_to_string (mention->kind), ==, expected[i][1]);
      if (mention->kind == SIGLA_KIND_DATE)
        g_assert_cmpstr (mention->when, ==, expected[i][2]);
      else if (expected[i][2] == NULL)
        g_assert_cmpint (mention->entity_id, ==, 0);
      else
        {
          g_autoptr(SiglaEntity) entity = sigla_entity_get (fixture->project, mention->entity_id, NULL);

          g_assert_cmpstr (entity->label, ==, expected[i][2]);
        }
    }

  /* Gao Gang from the registry, Mao by his URI, Kaesong once for its two names. */
  g_assert_cmpuint (entities->len, ==, 3);
}

/* A header that says a thing twice: the first is kept (a date: the first with an ISO
 * value, with its wording), and nothing of the others is lost track of (ASan's
 * leak check runs on this test). */
static const char repeated_header_tei[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">\n"
  "  <teiHeader><fileDesc>\n"
  "    <titleStmt><title>Cable</title></titleStmt>\n"
  "    <publicationStmt><p>x</p></publicationStmt>\n"
  "    <sourceDesc>\n"
  "      <bibl><date>mid-June</date><date when=\"1951-06-14\">14 June 1951</date>\n"
  "        <date when=\"1951-06-15\">15 June 1951</date>\n"
  "        <idno type=\"archive\">APRF, f. 45</idno><idno type=\"archive\">RGASPI, f. 558</idno>\n"
  "        <idno type=\"URI\">https://example.org/1</idno><idno type=\"URI\">https://example.org/2</idno>\n"
  "        <idno type=\"filename\">first.md</idno><idno type=\"filename\">second.md</idno>\n"
  "        <note type=\"citation\">First citation</note><note type=\"citation\">Second</note></bibl>\n"
  "      <listPerson><person xml:id=\"gg\"><persName>Gao Gang</persName>\n"
  "        <note>First note</note><note>Second note</note></person></listPerson>\n"
  "    </sourceDesc>\n"
  "  </fileDesc></teiHeader>\n"
  "  <text><body><p>Signed: <persName ref=\"#gg\">Gao Gang</persName></p></body></text>\n"
  "</TEI>\n";

static void
test_repeated_header (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = sigla_test_write_file (fixture->dir, "repeated.xml", repeated_header_tei, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SiglaDocument) document = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  gint64 id = sigla_import_file (fixture->project, path, &error);

  g_assert_no_error (error);
  document = sigla_document_get (fixture->project, id, NULL);
  g_assert_cmpstr (document->date, ==, "1951-06-14");
  g_assert_cmpstr (document->date_text, ==, "14 June 1951");
  g_assert_cmpstr (document->archive, ==, "APRF, f. 45");
  g_assert_cmpstr (document->url, ==, "https://example.org/1");
  g_assert_cmpstr (document->source_name, ==, "first.md");
  g_assert_cmpstr (document->citation, ==, "First citation");

  entities = sigla_entity_list (fixture->project, NULL);
  g_assert_cmpuint (entities->len, ==, 1);
  g_assert_cmpstr (((SiglaEntity *) entities->pdata[0])->note, ==, "First note");
}

/* Hostile or broken XML: refused with the file, the line and the reason, nothing left behind. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *secret = sigla_test_write_file (fixture->dir, "secret.txt", "TOP SECRET", -1);
  g_autofree char *external = g_strdup_printf (
    "<?xml version=\"1.0\"?>\n<!DOCTYPE TEI [<!ENTITY x SYSTEM \"file://%s\">]>\n"
    "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body><p>&x;</p></body></text></TEI>\n", secret);
  g_autoptr(GString) deep = g_string_new ("<?xml version=\"1.0\"?>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body><p>");
  struct { const char *name; const char *content; const char *reason; } cases[] = {
    { "malformed.xml", "<?xml version=\"1.0\"?>\n<TEI>\n<text><body><p>open</body></text></TEI>\n", "line " },
    { "external.xml", external, "entit" },
    { "bomb.xml",
      "<?xml version=\"1.0\"?>\n<!DOCTYPE TEI [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
      "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>\n"
      "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body><p>&d;&d;&d;</p></body></text></TEI>\n", "entit" },
    { "network.xml",
      "<?xml version=\"1.0\"?>\n<!DOCTYPE TEI SYSTEM \"http://127.0.0.1:9/tei.dtd\">\n"
      "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body><p>&undefined;</p></body></text></TEI>\n", "line " },
    { "html.xml", "<?xml version=\"1.0\"?>\n<html><body><p>Hello</p></body></html>\n", "not TEI" },
    /* Sigla's own export is read strictly: a damaged one is not taken for whole. */
    { "own-twice.xml",
      "<?xml version=\"1.0\"?>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc>"
      "<publicationStmt><p>Unpublished: annotated with Sigla.</p></publicationStmt></fileDesc></teiHeader>"
      "<text><body>\n<p xml:id=\"a\">one</p>\n<p xml:id=\"a\">two</p></body></text></TEI>\n", "twice" },
    { "own-nowhere.xml",
      "<?xml version=\"1.0\"?>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc>"
      "<publicationStmt><p>Unpublished: annotated with Sigla.</p></publicationStmt></fileDesc></teiHeader>"
      "<text><body>\n<p><persName ref=\"#ghost\">Nobody</persName></p></body></text></TEI>\n", "#ghost" },
    { "empty-body.xml",
      "<?xml version=\"1.0\"?>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body/></text></TEI>\n", "no text" },
    /* Found by fuzzing: libxml2 quotes the name, bytes that are not UTF-8 and all. */
    { "latin1-name.xml",
      "<?xml version=\"1.0\"?>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><f\xe9leDesc>"
      "</fileDesc></teiHeader></TEI>\n", "line 2" },
    { "deep.xml", NULL, "nested more than 256 deep" },
  };

  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, "<hi>");
  g_string_append (deep, "deep");
  cases[G_N_ELEMENTS (cases) - 1].content = deep->str;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = sigla_test_write_file (fixture->dir, cases[i].name, cases[i].content, -1);
      g_autoptr(GError) error = NULL;
      SiglaCounts counts;

      g_test_message ("%s", cases[i].name);
      g_assert_cmpint (sigla_import_file (fixture->project, path, &error), ==, 0);
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_test_message ("→ %s", error->message);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, cases[i].reason));
      g_assert_null (strstr (error->message, "TOP SECRET"));

      g_assert_true (sigla_project_get_counts (fixture->project, &counts, NULL));
      g_assert_cmpint (counts.documents + counts.entities + counts.mentions + counts.claims, ==, 0);
    }
  g_assert_false (sigla_project_can_undo (fixture->project));
}

/* A TEI file that names a DTD, a schema or an XInclude on a server: the
 * server is a local socket that listens but never answers, so a reader that
 * fetched anything would hang there (the child is stopped, the test fails)
 * and would leave a connection the test finds. */
static const struct
{
  const char *name;
  const char *content;   /* with PORT for the server's port */
  const char *refusal;   /* NULL when the file imports */
} network_cases[] = {
  { "dtd.xml",
    "<?xml version=\"1.0\"?>\n<!DOCTYPE TEI SYSTEM \"http://127.0.0.1:PORT/tei_all.dtd\">\n"
    "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body><p>Kaesong</p></body></text></TEI>\n", NULL },
  { "public-dtd.xml",
    "<?xml version=\"1.0\"?>\n<!DOCTYPE TEI PUBLIC \"-//TEI//DTD TEI P5//EN\" \"http://127.0.0.1:PORT/tei.dtd\">\n"
    "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body><p>Kaesong</p></body></text></TEI>\n", NULL },
  { "schema.xml",
    "<?xml version=\"1.0\"?>\n<?xml-model href=\"http://127.0.0.1:PORT/tei_all.rng\" type=\"application/xml\" "
    "schematypens=\"http://relaxng.org/ns/structure/1.0\"?>\n"
    "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
    "xsi:schemaLocation=\"http://www.tei-c.org/ns/1.0 http://127.0.0.1:PORT/tei_all.xsd\">"
    "<text><body><p>Kaesong</p></body></text></TEI>\n", NULL },
  { "xinclude.xml",
    "<?xml version=\"1.0\"?>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body><p>Kaesong"
    "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"http://127.0.0.1:PORT/more.xml\"/>"
    "</p></body></text></TEI>\n", NULL },
  { "entity.xml",
    "<?xml version=\"1.0\"?>\n<!DOCTYPE TEI [<!ENTITY x SYSTEM \"http://127.0.0.1:PORT/x.xml\">]>\n"
    "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body><p>&x;</p></body></text></TEI>\n", "entit" },
  { "parameter-entity.xml",
    "<?xml version=\"1.0\"?>\n<!DOCTYPE TEI [<!ENTITY % p SYSTEM \"http://127.0.0.1:PORT/p.dtd\"> %p;]>\n"
    "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body><p>Kaesong</p></body></text></TEI>\n", "entit" },
};

static void
test_no_network (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GSocket) server = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSocket) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port = NULL;

  if (g_test_subprocess ())
    {
      gint64 imported = 0;

      for (guint i = 0; i < G_N_ELEMENTS (network_cases); i++)
        {
          g_autoptr(GString) content = g_string_new (network_cases[i].content);
          g_autofree char *path = NULL;
          g_autoptr(GError) import_error = NULL;
          gint64 id;

          g_string_replace (content, "PORT", g_getenv ("SIGLA_TEST_PORT"), 0);
          path = sigla_test_write_file (fixture->dir, network_cases[i].name, content->str, -1);
          g_test_message ("%s", network_cases[i].name);
          id = sigla_import_file (fixture->project, path, &import_error);
          if (network_cases[i].refusal == NULL)
            {
              g_autoptr(SiglaDocument) document = NULL;

              g_assert_no_error (import_error);
              document = sigla_document_get (fixture->project, id, NULL);
              g_assert_cmpstr (document->text, ==, "Kaesong");
              imported++;
            }
          else
            {
              SiglaCounts counts;

              g_assert_cmpint (id, ==, 0);
              g_assert_nonnull (import_error);
              g_test_message ("→ %s", import_error->message);
              g_assert_nonnull (strstr (import_error->message, path));
              g_assert_nonnull (strstr (import_error->message, network_cases[i].refusal));
              g_assert_true (sigla_project_get_counts (fixture->project, &counts, NULL));
              g_assert_cmpint (counts.documents, ==, imported);
            }
        }
      return;
    }

  server = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_assert_true (g_socket_bind (server, address, TRUE, &error));
  g_assert_true (g_socket_listen (server, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (server, &error);
  g_assert_no_error (error);
  port = g_strdup_printf ("%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  g_setenv ("SIGLA_TEST_PORT", port, TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  g_socket_set_blocking (server, FALSE);
  connection = g_socket_accept (server, NULL, &error);
  if (connection != NULL)
    g_test_fail_printf ("the reader connected to the server named in the files (port %s)", port);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
}

/* libxml2 stops at 10 MB in one attribute, so a 50 MB one is refused with
 * the reason, after reading 10 MB of it, without a copy of it all. (A 50 MB
 * text is read, as a 50 MB plain text file is.) */
#define HUGE_MB 50
#define HUGE_MAX_RSS_MB 1024

static void
test_huge_attribute (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "attribute.xml", NULL);
  struct rusage usage;

  if (g_test_subprocess ())
    {
      const char *huge_path = g_getenv ("SIGLA_TEST_HUGE_FILE");
      g_autoptr(GError) error = NULL;
      SiglaCounts counts;

      g_assert_cmpint (sigla_import_file (fixture->project, huge_path, &error), ==, 0);
      g_assert_nonnull (error);
      g_test_message ("→ %s", error->message);
      g_assert_nonnull (strstr (error->message, huge_path));
      g_assert_nonnull (strstr (error->message, "line 2: a text or an attribute is larger than 10 MB"));
      g_assert_true (sigla_project_get_counts (fixture->project, &counts, NULL));
      g_assert_cmpint (counts.documents + counts.entities, ==, 0);
      return;
    }

  /* The parent writes the file, so that the child's memory is the import's. */
  {
    g_autofree char *block = g_strnfill (1024 * 1024, 'a');
    FILE *file = g_fopen (path, "wb");

    g_assert_nonnull (file);
    fputs ("<?xml version=\"1.0\"?>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body><p rend=\"", file);
    for (guint mb = 0; mb < HUGE_MB; mb++)
      g_assert_cmpuint (fwrite (block, 1, 1024 * 1024, file), ==, 1024 * 1024);
    fputs ("\">Kaesong</p></body></text></TEI>\n", file);
    g_assert_cmpint (fclose (file), ==, 0);
  }

  g_setenv ("SIGLA_TEST_HUGE_FILE", path, TRUE);
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  /* The largest child this test program has waited for: this one. */
  g_assert_cmpint (getrusage (RUSAGE_CHILDREN, &usage), ==, 0);
  g_test_message ("peak memory of the import: %.0f MB", usage.ru_maxrss / 1024.0);
  g_assert_cmpint (usage.ru_maxrss / 1024, <, HUGE_MAX_RSS_MB);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The annotated sample that ships in seeds/annotated is exactly what Sigla
 * writes from it: read into a project and exported again, the same bytes. */
static void
test_shipped_sample (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (g_getenv ("SIGLA_SEEDS_DIR"), "annotated", NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const SiglaTeiOptions sample_options = { "Sigla sample annotations" };
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  SiglaCounts counts;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".xml"))
      g_ptr_array_add (paths, g_build_filename (folder, name, NULL));
  g_ptr_array_sort (paths, compare_paths);
  g_assert_cmpuint (paths->len, ==, 5);
  g_ptr_array_add (paths, NULL);

  g_assert_cmpuint (sigla_import_files (fixture->project, (const char * const *) paths->pdata, NULL, NULL,
                                        NULL, &error), ==, 5);
  g_assert_no_error (error);

  documents = sigla_document_list (fixture->project, NULL);
  for (guint i = 0; i < documents->len; i++)
    {
      g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
      g_autoptr(GBytes) exported = NULL;
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (sigla_tei_write_document (fixture->project, ((SiglaDocument *) documents->pdata[i])->id,
                                               &sample_options, memory, &error));
      g_output_stream_close (memory, NULL, NULL);
      exported = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
      g_assert_true (g_file_get_contents (paths->pdata[i], &contents, &length, NULL));
      g_assert_cmpmem (g_bytes_get_data (exported, NULL), g_bytes_get_size (exported), contents, length);
    }

  /* What the issue asks the sample to hold, at least. */
  g_assert_true (sigla_project_get_counts (fixture->project, &counts, NULL));
  g_assert_cmpint (counts.claims, >=, 12);
  g_assert_cmpint (counts.mentions, >=, 150);
  g_assert_cmpint (counts.entities, >=, 30);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/tei/read/round-trip", test_round_trip);
  ADD ("/tei/read/other-tools", test_other_tools);
  ADD ("/tei/read/repeated-header", test_repeated_header);
  ADD ("/tei/read/refused", test_refused);
  ADD ("/tei/read/no-network", test_no_network);
  ADD ("/tei/read/huge-attribute", test_huge_attribute);
  ADD ("/tei/read/shipped-sample", test_shipped_sample);

#undef ADD

  return g_test_run ();
}
