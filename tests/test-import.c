/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-import.c: tests of importing files: the seeds' metadata and text, encodings, refusals, size. */

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "sigla-source.h"
#include "sigla-test-util.h"

/* Importing 10 MB takes about a second when the work grows with the size,
 * a few under a sanitizer: far less than this. */
#define LARGE_IMPORT_TIMEOUT_S 20

#define MB ((gsize) 1024 * 1024)

/* Memcheck runs code some fifty times slower: under valgrind (the test
 * setup sets SIGLA_TEST_VALGRIND) the large tests make the same checks on a
 * twentieth of the size, which still takes minutes there. */
static gsize
scaled_size (gsize size)
{
  return g_getenv ("SIGLA_TEST_VALGRIND") != NULL ? size / 20 : size;
}

/* The large file: 200 MB imports in about 20 s as built. AddressSanitizer
 * makes that a minute and 2 GB of memory, for no more code run: it checks a
 * quarter of the size, so the suite stays well inside its time limit. */
static gsize
large_file_size (void)
{
#ifdef __SANITIZE_ADDRESS__
  return scaled_size (50 * MB);
#else
  return scaled_size (200 * MB);
#endif
}

typedef struct
{
  char         *dir;
  SiglaProject *project;
} Fixture;

static void
fixture_set_up (Fixture *fixture)
{
  fixture->dir = sigla_test_make_dir ();
  fixture->project = sigla_test_new_project (fixture->dir, NULL);
}

static void
fixture_tear_down (Fixture *fixture)
{
  g_clear_object (&fixture->project);
  sigla_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

/* Failing softly lets one run report every piece of text that is wrong. */
static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_test_fail_printf ("“%s” is missing from the text (which starts “%.120s”)", needle, text);
}

static void
assert_lacks (const char *text,
              const char *needle)
{
  const char *found = strstr (text, needle);

  if (found != NULL)
    g_test_fail_printf ("“%s” should not be in the text, but is at byte %" G_GSIZE_FORMAT ": “%.80s”",
                        needle, (gsize) (found - text), found);
}

static void
assert_has_prefix (const char *text,
                   const char *prefix)
{
  if (text == NULL || !g_str_has_prefix (text, prefix))
    g_test_fail_printf ("“%s” does not start with “%s”", text != NULL ? text : "(null)", prefix);
}

static void
assert_has_suffix (const char *text,
                   const char *suffix)
{
  if (text == NULL || !g_str_has_suffix (text, suffix))
    g_test_fail_printf ("“%s” does not end with “%s”", text != NULL ? text : "(null)", suffix);
}

/* The offset in code points of @needle in @text, or -1. */
static gint64
char_offset (const char *text,
             const char *needle)
{
  const char *found = strstr (text, needle);

  if (found == NULL)
    return -1;

  return g_utf8_pointer_to_offset (text, found);
}

static guint
count_documents (SiglaProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = sigla_document_list (project, &error);

  g_assert_no_error (error);
  g_assert (documents != NULL);
  return documents->len;
}

static gint64
import_path (SiglaProject *project,
             const char   *path)
{
  g_autoptr(GError) error = NULL;
  gint64 id = sigla_import_file (project, path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* The stored document, after the checks that hold for every document. */
static SiglaDocument *
get_document (SiglaProject *project,
              gint64        id)
{
  g_autoptr(GError) error = NULL;
  SiglaDocument *document = sigla_document_get (project, id, &error);

  g_assert_no_error (error);
  g_assert (document != NULL);
  g_assert (document->text != NULL);
  g_assert_cmpint (document->id, ==, id);
  g_assert_true (g_utf8_validate (document->text, -1, NULL));
  g_assert_cmpint (document->length, ==, g_utf8_strlen (document->text, -1));

  return document;
}

/* Blocks must tile the text in order: annotations are placed by these offsets. */
static GArray *
get_checked_blocks (SiglaProject        *project,
                    const SiglaDocument *document)
{
  g_autoptr(GError) error = NULL;
  GArray *blocks = sigla_document_get_blocks (project, document->id, &error);
  gint64 previous_end = 0;

  g_assert_no_error (error);
  g_assert (blocks != NULL);
  g_assert_cmpuint (blocks->len, >, 0);

  for (guint i = 0; i < blocks->len; i++)
    {
      const SiglaBlock *block = &g_array_index (blocks, SiglaBlock, i);

      g_assert_cmpint (block->start, >=, 0);
      g_assert_cmpint (block->start, >=, previous_end);
      g_assert_cmpint (block->start, <=, block->end);
      g_assert_cmpint (block->end, <=, document->length);
      previous_end = block->end;
    }

  return blocks;
}

/* The block that holds all of @needle, which must be in the text. */
static const SiglaBlock *
block_holding (GArray     *blocks,
               const char *text,
               const char *needle)
{
  gint64 start = char_offset (text, needle);
  gint64 end = start + g_utf8_strlen (needle, -1);

  g_test_message ("looking for the block of “%s”", needle);
  g_assert_cmpint (start, >=, 0);

  for (guint i = 0; i < blocks->len; i++)
    {
      const SiglaBlock *block = &g_array_index (blocks, SiglaBlock, i);

      if (block->start <= start && end <= block->end)
        return block;
    }

  g_test_fail_printf ("no block holds “%s” (code points %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT ")",
                      needle, start, end);
  return NULL;
}

static void
assert_block_kind (GArray         *blocks,
                   const char     *text,
                   const char     *needle,
                   SiglaBlockKind  kind)
{
  const SiglaBlock *block = block_holding (blocks, text, needle);

  if (block != NULL && block->kind != kind)
    g_test_fail_printf ("the block of “%s” is a %s, not a %s", needle,
                        sigla_block_kind_to_string (block->kind), sigla_block_kind_to_string (kind));
}

static void
assert_no_line_starts_with (const char *text,
                            const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      g_test_fail_printf ("line %u starts with “%s”: “%.80s”", i, prefix, lines[i]);
}

/* The stored bytes are the file's, unchanged: checksum and size. */
static void
assert_source_kept (const SiglaDocument *document,
                    const char          *path)
{
  g_autofree char *checksum = sigla_test_file_checksum (path);
  g_autofree char *basename = g_path_get_basename (path);
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpstr (document->source_sha256, ==, checksum);
  g_assert_cmpint (document->source_size, ==, st.st_size);
  g_assert_cmpstr (document->source_name, ==, basename);
}

/* Refusals must name the file and leave the project as it was. */
static void
assert_refused (SiglaProject *project,
                const char   *path,
                int           code,
                const char   *fragment)
{
  g_autoptr(GError) error = NULL;
  guint before = count_documents (project);
  gint64 id;

  id = sigla_import_file (project, path, &error);
  g_assert_cmpint (id, ==, 0);
  g_assert (error != NULL);
  g_test_message ("refused “%s”: %s", path, error->message);

  g_assert_true (error->domain == SIGLA_ERROR);
  if (code >= 0)
    g_assert_error (error, SIGLA_ERROR, code);
  assert_contains (error->message, path);
  if (fragment != NULL)
    assert_contains (error->message, fragment);

  g_assert_cmpuint (count_documents (project), ==, before);
}

static char *
write_utf16 (const char *dir,
             const char *name,
             const char *bom,
             const char *charset,
             const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *encoded = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  gsize encoded_length = 0;

  encoded = g_convert (text, -1, charset, "UTF-8", NULL, &encoded_length, &error);
  g_assert_no_error (error);

  if (bom != NULL)
    g_byte_array_append (bytes, (const guint8 *) bom, 2);
  g_byte_array_append (bytes, (const guint8 *) encoded, encoded_length);

  return sigla_test_write_file (dir, name, bytes->data, bytes->len);
}

static void
test_seed_000_metadata (void)
{
  Fixture fixture;
  g_autoptr(SiglaDocument) document = NULL;
  g_autofree char *path = NULL;

  fixture_set_up (&fixture);
  path = sigla_test_seed_path ("000");
  document = get_document (fixture.project, import_path (fixture.project, path));

  g_assert_cmpstr (document->date, ==, "1951-07-12");
  g_assert_cmpstr (document->date_text, ==, "July 12, 1951");
  g_assert_cmpstr (document->original_language, ==, "ru");
  assert_has_suffix (document->url, "/document/117415");
  g_assert_cmpstr (document->title, ==, "Cable No. 21726, Mao Zedong to Cde. Filippov [Stalin]");
  g_assert (document->citation != NULL);
  assert_contains (document->citation, "Wilson Center Digital Archive");
  assert_has_prefix (document->summary, "Mao sends Stalin");
  assert_source_kept (document, path);

  fixture_tear_down (&fixture);
}

static void
test_seed_000_text (void)
{
  Fixture fixture;
  g_autoptr(SiglaDocument) document = NULL;

  fixture_set_up (&fixture);
  document = get_document (fixture.project, sigla_test_import_seed (fixture.project, "000"));

  /* Markup is the transcriber's, not the document's. */
  assert_lacks (document->text, "**");
  assert_lacks (document->text, "\\_");
  assert_no_line_starts_with (document->text, "#");

  /* LaTeX leftovers: "Copy  $N^{\circ}$  1" reads as "Copy N° 1". */
  assert_contains (document->text, "Copy N° 1");
  assert_lacks (document->text, "$");
  assert_lacks (document->text, "\\circ");

  /* The metadata sections are not part of the document. */
  assert_lacks (document->text, "Citation");
  assert_lacks (document->text, "Wilson Center Digital Archive");
  assert_lacks (document->text, "https://");
  assert_lacks (document->text, "document/117415");
  assert_lacks (document->text, "Summary");
  assert_lacks (document->text, "Mao sends Stalin");
  assert_lacks (document->text, "Credits");
  assert_lacks (document->text, "Leon Levy Foundation");
  assert_lacks (document->text, "Original Language");
  assert_lacks (document->text, "Russian");
  assert_lacks (document->text, "Contents");
  assert_lacks (document->text, "Translation - English");

  /* The document itself is, from its first heading to its last line. */
  assert_contains (document->text, "SECOND MAIN DIRECTORATE OF THE GENERAL STAFF OF THE SOVIET ARMY");
  assert_contains (document->text, "CABLE Nº 21726");
  assert_contains (document->text, "I submit brief report No 3 about the progress of the conference.");
  assert_contains (document->text, "MAO ZEDONG № 3490 12 July 1951");
  assert_contains (document->text, "Verified by: Major [signature] (Chikarev) 0230");

  /* The source's misreading of "Nam Il" stays: the text is the source's. */
  assert_contains (document->text, "Nam II asked");
  assert_contains (document->text, "Nam II said, \"Our proposal already has a general meaning\".");
  assert_lacks (document->text, "Nam Il");

  fixture_tear_down (&fixture);
}

static void
test_seed_000_blocks (void)
{
  Fixture fixture;
  g_autoptr(SiglaDocument) document = NULL;
  g_autoptr(GArray) blocks = NULL;
  static const char * const questions[] = {
    "1. I do not understand at all what relation there is between a visit to prisoners",
    "2. As regards the third point you proposed",
    "3. I do not understand at all what you mean by enemy",
    "4. Analyzing your fifth point",
    "5. What is a ceasefire commission and observer group?",
    "1. In the creation of a military ceasefire commission",
    "2. In the creation of a buffer zone.",
    "3. In the achievement of an agreement between the commanding generals",
  };

  fixture_set_up (&fixture);
  document = get_document (fixture.project, sigla_test_import_seed (fixture.project, "000"));
  blocks = get_checked_blocks (fixture.project, document);

  assert_block_kind (blocks, document->text,
                     "SECOND MAIN DIRECTORATE OF THE GENERAL STAFF OF THE SOVIET ARMY", SIGLA_BLOCK_HEAD);
  assert_block_kind (blocks, document->text, "Nam II asked:", SIGLA_BLOCK_HEAD);
  for (gsize i = 0; i < G_N_ELEMENTS (questions); i++)
    assert_block_kind (blocks, document->text, questions[i], SIGLA_BLOCK_ITEM);
  assert_block_kind (blocks, document->text, "Cde. Filippov!", SIGLA_BLOCK_P);

  fixture_tear_down (&fixture);
}

static void
test_seed_001 (void)
{
  Fixture fixture;
  g_autoptr(SiglaDocument) document = NULL;
  g_autoptr(GArray) blocks = NULL;
  g_autofree char *path = NULL;

  fixture_set_up (&fixture);
  path = sigla_test_seed_path ("001");
  document = get_document (fixture.project, import_path (fixture.project, path));
  blocks = get_checked_blocks (fixture.project, document);

  g_assert_cmpstr (document->date, ==, "1951-08-13");
  g_assert_cmpstr (document->date_text, ==, "August 13, 1951");
  g_assert_cmpstr (document->title, ==,
                   "Ciphered Telegram No. 22834, Mao Zedong to Cde. Filippov [Stalin]");
  assert_source_kept (document, path);

  assert_contains (document->text, "SECOND MAIN ADMINISTRATION OF THE GENERAL STAFF OF THE SOVIET ARMY");
  assert_contains (document->text, "LI KENONG 12.8.51 4:00.\"");
  assert_contains (document->text, "No. 4061");

  /* The archive's page footer. */
  assert_lacks (document->text, "Rights");
  assert_lacks (document->text, "The History and Public Policy Program welcomes reuse");
  assert_lacks (document->text, "HAPP@wilsoncenter.org");
  assert_no_line_starts_with (document->text, "#");

  assert_block_kind (blocks, document->text, "1. I received your telegram of 11 August 7:00.",
                     SIGLA_BLOCK_ITEM);

  fixture_tear_down (&fixture);
}

static void
test_seed_002 (void)
{
  Fixture fixture;
  g_autoptr(SiglaDocument) document = NULL;
  g_autoptr(GArray) blocks = NULL;
  g_autofree char *path = NULL;

  fixture_set_up (&fixture);
  path = sigla_test_seed_path ("002");
  document = get_document (fixture.project, import_path (fixture.project, path));
  blocks = get_checked_blocks (fixture.project, document);

  g_assert_cmpstr (document->date, ==, "1951-11-14");
  g_assert_cmpstr (document->date_text, ==, "November 14, 1951");
  g_assert_cmpstr (document->title, ==,
                   "Ciphered Telegram No. 25902 from Beijing, Mao Zedong to Cde. Filippov [Stalin]");
  g_assert (document->citation != NULL);
  assert_contains (document->citation, "APRF, f. 45, op. 1, d. 342, ll. 16-19");
  assert_has_prefix (document->archive, "APRF, f. 45, op. 1, d. 342, ll. 16-19");
  assert_source_kept (document, path);

  /* The archive's web page around the document. */
  assert_lacks (document->text, "Search in");
  assert_lacks (document->text, "get citation");
  assert_lacks (document->text, "share document");
  assert_lacks (document->text, "English HTML");
  assert_lacks (document->text, "•");

  /* The citation section, summary and reference included. */
  assert_lacks (document->text, "Citation");
  assert_lacks (document->text, "Mao writes to Stalin of the ongoing armistice negotiations");
  assert_lacks (document->text, "RGASPI");

  assert_contains (document->text, "Copies: Stalin (2)");
  assert_contains (document->text, "To Comrade FILIPPOV [Stalin]");
  assert_contains (document->text,
                   "After the resumption of negotiations for cessation of military operations in Korea");
  assert_contains (document->text, "I ask your instructions on the above.");
  assert_contains (document->text, "No. 5631");

  assert_block_kind (blocks, document->text,
                     "1. Convening a conference of political representatives of both sides",
                     SIGLA_BLOCK_ITEM);

  fixture_tear_down (&fixture);
}

static void
test_seed_dates (void)
{
  static const struct
  {
    const char *prefix;
    const char *date;
    const char *date_text;
  } cases[] = {
    { "000", "1951-07-12", "July 12, 1951" },
    { "001", "1951-08-13", "August 13, 1951" },
    { "002", "1951-11-14", "November 14, 1951" },
    { "003", "1951-06-14", "14 June 1951" },
    { "004", "1951-06-30", "30 June 1951" },
  };
  Fixture fixture;

  fixture_set_up (&fixture);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SiglaDocument) document = NULL;
      gint64 id;

      g_test_message ("seed %s", cases[i].prefix);
      id = sigla_test_import_seed (fixture.project, cases[i].prefix);
      document = get_document (fixture.project, id);
      g_assert_cmpstr (document->date, ==, cases[i].date);
      g_assert_cmpstr (document->date_text, ==, cases[i].date_text);
    }

  g_assert_cmpuint (count_documents (fixture.project), ==, G_N_ELEMENTS (cases));
  fixture_tear_down (&fixture);
}

static void
test_seed_all (void)
{
  static const char * const prefixes[] = { "000", "001", "002", "003", "004" };
  Fixture fixture;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[G_N_ELEMENTS (prefixes)];

  fixture_set_up (&fixture);

  for (gsize i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autofree char *path = sigla_test_seed_path (prefixes[i]);
      g_autoptr(SiglaDocument) document = NULL;
      g_autoptr(GArray) blocks = NULL;

      g_test_message ("seed %s", prefixes[i]);
      ids[i] = import_path (fixture.project, path);
      document = get_document (fixture.project, ids[i]);
      blocks = get_checked_blocks (fixture.project, document);
      assert_source_kept (document, path);
      g_assert_cmpint (document->length, >, 0);
      g_assert (document->title != NULL);
      g_assert_cmpstr (document->title, !=, "");
    }

  /* The list gives the same metadata, in import order, without the text. */
  list = sigla_document_list (fixture.project, &error);
  g_assert_no_error (error);
  g_assert (list != NULL);
  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (prefixes));
  for (guint i = 0; i < list->len; i++)
    {
      const SiglaDocument *listed = g_ptr_array_index (list, i);
      g_autoptr(SiglaDocument) document = get_document (fixture.project, ids[i]);

      g_assert_cmpint (listed->id, ==, ids[i]);
      g_assert_null (listed->text);
      g_assert_cmpstr (listed->title, ==, document->title);
      g_assert_cmpstr (listed->source_sha256, ==, document->source_sha256);
      g_assert_cmpint (listed->source_size, ==, document->source_size);
      g_assert_cmpint (listed->length, ==, document->length);
    }

  fixture_tear_down (&fixture);
}

static void
test_encoding_utf8_bom (void)
{
  Fixture fixture;
  g_autoptr(SiglaDocument) document = NULL;
  g_autoptr(GArray) blocks = NULL;
  g_autofree char *path = NULL;

  fixture_set_up (&fixture);
  path = sigla_test_write_file (fixture.dir, "bom.txt",
                                "\xef\xbb\xbf" "Gaeseong — Kaesŏng\nThe talks resumed on 10 July 1951.\n", -1);
  document = get_document (fixture.project, import_path (fixture.project, path));
  blocks = get_checked_blocks (fixture.project, document);

  assert_has_prefix (document->text, "Gaeseong — Kaesŏng\nThe talks resumed on 10 July 1951.");
  assert_lacks (document->text, "\xef\xbb\xbf");
  g_assert_cmpint (g_array_index (blocks, SiglaBlock, 0).start, ==, 0);
  assert_source_kept (document, path);

  fixture_tear_down (&fixture);
}

/* Both byte orders, with a character outside the BMP to need surrogates. */
static void
check_utf16 (const char *bom,
             const char *charset)
{
  static const char *text =
    "Gaeseong — Kaesŏng\r\nThe talks at 개성 resumed on 10 July 1951 𝄞.\r\n";
  Fixture fixture;
  g_autoptr(SiglaDocument) document = NULL;
  g_autoptr(GArray) blocks = NULL;
  g_autofree char *path = NULL;

  fixture_set_up (&fixture);
  path = write_utf16 (fixture.dir, "utf16.txt", bom, charset, text);
  document = get_document (fixture.project, import_path (fixture.project, path));
  blocks = get_checked_blocks (fixture.project, document);

  assert_has_prefix (document->text, "Gaeseong — Kaesŏng\nThe talks at 개성 resumed on 10 July 1951 𝄞.");
  assert_lacks (document->text, "\xef\xbb\xbf");
  assert_lacks (document->text, "\r");
  g_assert_null (memchr (document->text, '\0', strlen (document->text)));
  g_assert_cmpint (char_offset (document->text, "𝄞"), ==,
                   g_utf8_strlen ("Gaeseong — Kaesŏng\nThe talks at 개성 resumed on 10 July 1951 ", -1));
  assert_source_kept (document, path);

  fixture_tear_down (&fixture);
}

static void
test_encoding_utf16le (void)
{
  check_utf16 ("\xff\xfe", "UTF-16LE");
}

static void
test_encoding_utf16be (void)
{
  check_utf16 ("\xfe\xff", "UTF-16BE");
}

static void
test_encoding_line_ends (void)
{
  Fixture fixture;
  g_autoptr(SiglaDocument) crlf = NULL;
  g_autoptr(SiglaDocument) cr = NULL;
  g_autoptr(SiglaDocument) mixed = NULL;
  g_autofree char *crlf_path = NULL;
  g_autofree char *cr_path = NULL;
  g_autofree char *mixed_path = NULL;

  fixture_set_up (&fixture);
  crlf_path = sigla_test_write_file (fixture.dir, "crlf.txt",
                                     "First line\r\nSecond line\r\nThird line\r\n", -1);
  cr_path = sigla_test_write_file (fixture.dir, "cr.txt", "First line\rSecond line\rThird line\r", -1);
  mixed_path = sigla_test_write_file (fixture.dir, "mixed.txt",
                                      "First line\rSecond line\r\nThird line\nFourth line", -1);

  crlf = get_document (fixture.project, import_path (fixture.project, crlf_path));
  cr = get_document (fixture.project, import_path (fixture.project, cr_path));
  mixed = get_document (fixture.project, import_path (fixture.project, mixed_path));

  assert_has_prefix (crlf->text, "First line\nSecond line\nThird line");
  assert_lacks (crlf->text, "\r");
  assert_has_prefix (cr->text, "First line\nSecond line\nThird line");
  assert_lacks (cr->text, "\r");
  assert_has_prefix (mixed->text, "First line\nSecond line\nThird line\nFourth line");
  assert_lacks (mixed->text, "\r");
  assert_source_kept (crlf, crlf_path);
  assert_source_kept (cr, cr_path);

  fixture_tear_down (&fixture);
}

static void
test_encoding_nfc (void)
{
  Fixture fixture;
  g_autoptr(SiglaDocument) document = NULL;
  g_autofree char *path = NULL;

  fixture_set_up (&fixture);
  /* "Résumé of the talks at Kaesŏng", with combining accents. */
  path = sigla_test_write_file (fixture.dir, "nfd.txt",
                                "Re\xcc\x81sume\xcc\x81 of the talks at Kaeso\xcc\x86ng\n", -1);
  document = get_document (fixture.project, import_path (fixture.project, path));

  assert_has_prefix (document->text, "R\xc3\xa9sum\xc3\xa9 of the talks at Kaes\xc5\x8fng");
  assert_lacks (document->text, "\xcc\x81");
  assert_lacks (document->text, "\xcc\x86");
  g_assert_cmpint (document->length, ==, strlen ("Resume of the talks at Kaesong"));
  assert_source_kept (document, path);

  fixture_tear_down (&fixture);
}

static void
assert_no_control_characters (const char *text)
{
  g_autoptr(GString) found = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) && c != '\n' && c != '\t')
        g_string_append_printf (found, " U+%04X (byte %" G_GSIZE_FORMAT ")", c, (gsize) (p - text));
    }

  if (found->len > 0)
    g_test_fail_printf ("control characters in the text:%s", found->str);
}

/* Writes @content to @name and imports it. */
static SiglaDocument *
import_text (Fixture    *fixture,
             const char *name,
             const char *content)
{
  g_autofree char *path = sigla_test_write_file (fixture->dir, name, content, -1);

  return get_document (fixture->project, import_path (fixture->project, path));
}

static void
test_encoding_control_c0 (void)
{
  Fixture fixture;
  g_autoptr(SiglaDocument) document = NULL;
  g_autofree char *path = NULL;

  fixture_set_up (&fixture);
  path = sigla_test_write_file (fixture.dir, "control.txt",
                                "Kaesong\x07 talks\x1b resumed\x0b on\x0c 10\x01 July\x7f 1951.\n"
                                "Second\x08 line\tends here.\n", -1);
  document = get_document (fixture.project, import_path (fixture.project, path));

  assert_no_control_characters (document->text);
  assert_contains (document->text, "Kaesong");
  assert_contains (document->text, "1951.");
  assert_contains (document->text, "ends here.");
  assert_source_kept (document, path);

  fixture_tear_down (&fixture);
}

/* Found by fuzzing: what LaTeX math held came through as it was, control characters and all,
 * and without the NFC the rest of the line gets. */
static void
test_encoding_control_in_math (void)
{
  Fixture fixture;
  g_autoptr(SiglaDocument) document = NULL;
  g_autofree char *nfc = NULL;

  fixture_set_up (&fixture);
  document = import_text (&fixture, "math.txt",
                          "At $N^{\\circ\x1f}$ 5, $a^\x07\tb\xc2\x85$ and $e^{\xcc\x81}$ on 10 July 1951.\n");

  assert_no_control_characters (document->text);
  g_assert_null (strchr (document->text, '\t'));
  assert_contains (document->text, "N°");
  assert_contains (document->text, "ab");
  nfc = g_utf8_normalize (document->text, -1, G_NORMALIZE_NFC);
  g_assert_cmpstr (document->text, ==, nfc);

  fixture_tear_down (&fixture);
}

/* Found by fuzzing: the dashes skipped after a heading's date were skipped byte by byte, and
 * took the first bytes of a closing quote with them. */
static void
test_title_after_date (void)
{
  Fixture fixture;
  g_autoptr(SiglaDocument) quoted = NULL;
  g_autoptr(SiglaDocument) dashed = NULL;

  fixture_set_up (&fixture);
  quoted = import_text (&fixture, "quoted.txt", "# July 12, 1951 ”Cable No. 1”\n\nText.\n");
  dashed = import_text (&fixture, "dashed.txt", "# 12 July 1951 — Cable No. 2\n\nText.\n");

  g_assert_true (g_utf8_validate (quoted->title, -1, NULL));
  g_assert_cmpstr (quoted->title, ==, "”Cable No. 1”");
  g_assert_cmpstr (dashed->title, ==, "Cable No. 2");

  fixture_tear_down (&fixture);
}

/* U+0080–U+009F are control characters too, as C1 codes that survive a bad conversion. */
static void
test_encoding_control_c1 (void)
{
  Fixture fixture;
  g_autoptr(SiglaDocument) document = NULL;

  fixture_set_up (&fixture);
  document = import_text (&fixture, "c1.txt", "Kaesong\xc2\x80 talks\xc2\x9b resumed\xc2\x9f on 10 July 1951.\n");

  assert_no_control_characters (document->text);
  assert_contains (document->text, "Kaesong");
  assert_contains (document->text, "1951.");

  fixture_tear_down (&fixture);
}

static void
test_refuse_binary (void)
{
  static const guint8 png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0x00, 0x00, 0x00, 0x0d, 'I', 'H', 'D', 'R',
    0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x10, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0xf3, 0xff,
    0x61, 0x00, 0x00, 0x00, 0x00, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82,
  };
  Fixture fixture;
  g_autofree char *path = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *checksum_after = NULL;

  fixture_set_up (&fixture);
  sigla_test_import_seed (fixture.project, "004");
  path = sigla_test_write_file (fixture.dir, "scan.png", png, sizeof png);
  checksum = sigla_test_file_checksum (path);

  /* The PNG signature's first NUL is its ninth byte. */
  assert_refused (fixture.project, path, SIGLA_ERROR_BINARY, "binary data, not text (a NUL byte at offset 8)");

  checksum_after = sigla_test_file_checksum (path);
  g_assert_cmpstr (checksum_after, ==, checksum);
  fixture_tear_down (&fixture);
}

static void
test_refuse_latin1 (void)
{
  Fixture fixture;
  g_autofree char *path = NULL;

  fixture_set_up (&fixture);
  sigla_test_import_seed (fixture.project, "004");
  path = sigla_test_write_file (fixture.dir, "latin1.txt", "Le caf\xe9 de Kaesong\n", -1);

  assert_refused (fixture.project, path, SIGLA_ERROR_ENCODING, "not valid UTF-8 (byte 0xe9 at offset 6)");

  fixture_tear_down (&fixture);
}

static void
test_refuse_utf16_without_bom (void)
{
  static const char *text = "The talks at Kaesong resumed on 10 July 1951.\nGaeseong — Kaesŏng\n";
  Fixture fixture;
  g_autofree char *le_path = NULL;
  g_autofree char *be_path = NULL;

  fixture_set_up (&fixture);
  sigla_test_import_seed (fixture.project, "004");
  le_path = write_utf16 (fixture.dir, "utf16le.txt", NULL, "UTF-16LE", text);
  be_path = write_utf16 (fixture.dir, "utf16be.txt", NULL, "UTF-16BE", text);

  assert_refused (fixture.project, le_path, SIGLA_ERROR_ENCODING, "byte-order mark");
  assert_refused (fixture.project, be_path, SIGLA_ERROR_ENCODING, "byte-order mark");

  fixture_tear_down (&fixture);
}

static void
test_refuse_directory (void)
{
  Fixture fixture;
  g_autofree char *path = NULL;

  fixture_set_up (&fixture);
  sigla_test_import_seed (fixture.project, "004");
  path = g_build_filename (fixture.dir, "folder.txt", NULL);
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);

  assert_refused (fixture.project, path, SIGLA_ERROR_INVALID, "it is a folder, not a file");

  fixture_tear_down (&fixture);
}

static void
test_refuse_missing (void)
{
  Fixture fixture;
  g_autofree char *path = NULL;

  fixture_set_up (&fixture);
  sigla_test_import_seed (fixture.project, "004");
  path = g_build_filename (fixture.dir, "no-such-file.txt", NULL);

  assert_refused (fixture.project, path, SIGLA_ERROR_NOT_FOUND, g_strerror (ENOENT));

  fixture_tear_down (&fixture);
}

static void
test_refuse_empty (void)
{
  Fixture fixture;
  g_autofree char *path = NULL;

  fixture_set_up (&fixture);
  sigla_test_import_seed (fixture.project, "004");
  path = sigla_test_write_file (fixture.dir, "empty.txt", "", 0);

  assert_refused (fixture.project, path, SIGLA_ERROR_EMPTY, "the file is empty");

  fixture_tear_down (&fixture);
}

static void
test_refuse_blank (void)
{
  Fixture fixture;
  g_autofree char *whitespace_path = NULL;
  g_autofree char *chrome_path = NULL;
  g_autofree char *bom_path = NULL;

  fixture_set_up (&fixture);
  sigla_test_import_seed (fixture.project, "004");
  whitespace_path = sigla_test_write_file (fixture.dir, "whitespace.txt", "  \t \n\n   \r\n\t\n \r ", -1);
  bom_path = sigla_test_write_file (fixture.dir, "bom.txt", "\xef\xbb\xbf \r\n\n\t\n", -1);
  chrome_path = sigla_test_write_file (fixture.dir, "chrome.txt",
                                       "Search in\n\nget citation\n  share document\n\nEnglish HTML\n", -1);

  assert_refused (fixture.project, whitespace_path, SIGLA_ERROR_EMPTY, NULL);
  assert_refused (fixture.project, chrome_path, SIGLA_ERROR_EMPTY, NULL);
  assert_refused (fixture.project, bom_path, SIGLA_ERROR_EMPTY, NULL);

  fixture_tear_down (&fixture);
}

/* Found by fuzzing: no bytes at all (which GBytes may hold as a NULL
 * pointer) were stepped over as if a byte-order mark were there. */
static void
test_refuse_no_bytes (void)
{
  g_autoptr(GBytes) nothing = g_bytes_new (NULL, 0);
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_assert_null (sigla_source_decode ("nothing.txt", nothing, &length, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "nothing.txt"));
}

/* Found by fuzzing: a byte-order mark and nothing after it was taken for a
 * document, with neither an id nor an error. */
static void
test_refuse_bom_only (void)
{
  Fixture fixture;
  g_autofree char *path = NULL;

  fixture_set_up (&fixture);
  path = sigla_test_write_file (fixture.dir, "bom-only.txt", "\xef\xbb\xbf", -1);

  assert_refused (fixture.project, path, SIGLA_ERROR_EMPTY, "no text");
  g_assert_cmpuint (count_documents (fixture.project), ==, 0);

  fixture_tear_down (&fixture);
}

/* Runs the current test again in a child, stopped after @seconds; TRUE in
 * the parent, which has nothing left to do, FALSE in the child. */
static gboolean
ran_in_child (guint seconds)
{
  if (g_test_subprocess ())
    return FALSE;

  g_test_trap_subprocess (NULL, seconds * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  return TRUE;
}

/* Reading a FIFO nobody writes to would block for ever: the child is killed
 * after a while, which fails the test instead of hanging the run. */
static void
test_refuse_fifo (void)
{
  Fixture fixture;
  g_autofree char *path = NULL;

  if (ran_in_child (20))
    return;

  fixture_set_up (&fixture);
  sigla_test_import_seed (fixture.project, "004");
  path = g_build_filename (fixture.dir, "pipe.txt", NULL);
  if (mkfifo (path, 0600) != 0)
    g_error ("mkfifo %s: %s", path, g_strerror (errno));

  assert_refused (fixture.project, path, SIGLA_ERROR_INVALID, "not a regular file");

  /* The project still takes imports: no action was left open. */
  sigla_test_import_seed (fixture.project, "003");
  g_assert_cmpuint (count_documents (fixture.project), ==, 2);

  fixture_tear_down (&fixture);
}

/* A NUL byte is refused as binary data, not dropped like the other C0
 * controls: the message gives its offset in the file, byte-order mark included. */
static void
test_refuse_nul (void)
{
  static const char text[] = "Kaesong talks\0resumed on 10 July 1951.\n";
  static const char with_bom[] = "\xef\xbb\xbf" "Kaesong talks\0resumed on 10 July 1951.\n";
  Fixture fixture;
  g_autofree char *path = NULL;
  g_autofree char *bom_path = NULL;

  fixture_set_up (&fixture);
  sigla_test_import_seed (fixture.project, "004");
  path = sigla_test_write_file (fixture.dir, "nul.txt", text, sizeof text - 1);
  bom_path = sigla_test_write_file (fixture.dir, "nul-bom.txt", with_bom, sizeof with_bom - 1);

  assert_refused (fixture.project, path, SIGLA_ERROR_BINARY, "a NUL byte at offset 13");
  assert_refused (fixture.project, bom_path, SIGLA_ERROR_BINARY, "a NUL byte at offset 16");

  fixture_tear_down (&fixture);
}

/* Root reads any file, so the child gives up its privileges first. */
static void
test_refuse_unreadable (void)
{
  Fixture fixture;
  g_autofree char *path = NULL;

  if (ran_in_child (60))
    return;

  sigla_test_drop_privileges ();
  fixture_set_up (&fixture);
  sigla_test_import_seed (fixture.project, "004");
  path = sigla_test_write_file (fixture.dir, "locked.txt", "The talks at Kaesong resumed.\n", -1);
  g_assert_cmpint (g_chmod (path, 0), ==, 0);

  assert_refused (fixture.project, path, SIGLA_ERROR_IO, g_strerror (EACCES));

  fixture_tear_down (&fixture);
}

/* A large file that turns to NULs after its first page (a sparse file, as a
 * crashed download leaves): refused at once, with where the NULs start. */
static void
test_refuse_large_binary (void)
{
  Fixture fixture;
  g_autofree char *path = NULL;
  FILE *file;

  fixture_set_up (&fixture);
  sigla_test_import_seed (fixture.project, "004");
  path = g_build_filename (fixture.dir, "download.txt", NULL);
  file = g_fopen (path, "wb");
  g_assert_nonnull (file);
  for (guint i = 0; i < 4096 / 16; i++)
    g_assert_cmpint (fputs ("Kaesong talks. \n", file), >=, 0);
  g_assert_cmpint (fflush (file), ==, 0);
  g_assert_cmpint (ftruncate (fileno (file), 200 * MB), ==, 0);
  g_assert_cmpint (fclose (file), ==, 0);

  assert_refused (fixture.project, path, SIGLA_ERROR_BINARY, "a NUL byte at offset 4096");

  fixture_tear_down (&fixture);
}

/* One paragraph of the large file, all the same length in bytes and in characters. */
static void
format_paragraph (char  *buffer,
                  gsize  size,
                  guint  n)
{
  g_snprintf (buffer, size,
              "Paragraph %08u: the delegations met at Kaesŏng (개성) on the 38th parallel — "
              "Пханмунджом, «armistice», 板門店.", n);
}

/* A 200 MB file imports whole: every paragraph a block, in order, the text
 * exactly the file's but for the blank lines between paragraphs. */
static void
test_large_file (void)
{
  Fixture fixture;
  g_autoptr(GString) chunk = g_string_new (NULL);
  g_autoptr(SiglaDocument) document = NULL;
  g_autoptr(GArray) blocks = NULL;
  g_autofree char *path = NULL;
  char paragraph[256];
  gsize size = large_file_size ();
  gsize written = 0;
  guint n_paragraphs = 0;
  glong paragraph_length;
  gsize paragraph_bytes;
  const char *p;
  gint64 begin;
  FILE *file;

  fixture_set_up (&fixture);
  format_paragraph (paragraph, sizeof paragraph, 0);
  paragraph_bytes = strlen (paragraph);
  paragraph_length = g_utf8_strlen (paragraph, -1);

  path = g_build_filename (fixture.dir, "large.txt", NULL);
  file = g_fopen (path, "wb");
  g_assert_nonnull (file);
  while (written < size)
    {
      g_string_truncate (chunk, 0);
      while (chunk->len < MB)
        {
          format_paragraph (paragraph, sizeof paragraph, n_paragraphs++);
          g_string_append (chunk, paragraph);
          g_string_append (chunk, "\n\n");
        }
      g_assert_cmpuint (fwrite (chunk->str, 1, chunk->len, file), ==, chunk->len);
      written += chunk->len;
    }
  g_assert_cmpint (fclose (file), ==, 0);

  begin = g_get_monotonic_time ();
  document = get_document (fixture.project, import_path (fixture.project, path));
  g_test_message ("imported %.1f MB, %u paragraphs, in %.1f s", written / (double) MB, n_paragraphs,
                  (g_get_monotonic_time () - begin) / (double) G_USEC_PER_SEC);
  blocks = get_checked_blocks (fixture.project, document);

  g_assert_cmpint (document->length, ==, (gint64) n_paragraphs * (paragraph_length + 1) - 1);
  g_assert_cmpuint (blocks->len, ==, n_paragraphs);
  p = document->text;
  for (guint i = 0; i < n_paragraphs; i++)
    {
      const SiglaBlock *block = &g_array_index (blocks, SiglaBlock, i);

      format_paragraph (paragraph, sizeof paragraph, i);
      if (strncmp (p, paragraph, paragraph_bytes) != 0)
        {
          g_test_fail_printf ("paragraph %u reads “%.*s”", i, (int) paragraph_bytes, p);
          break;
        }
      g_assert_cmpint (block->start, ==, (gint64) i * (paragraph_length + 1));
      g_assert_cmpint (block->end, ==, block->start + paragraph_length);
      p += paragraph_bytes;
      g_assert_cmpint (*p, ==, i + 1 < n_paragraphs ? '\n' : '\0');
      p++;
    }
  assert_source_kept (document, path);

  fixture_tear_down (&fixture);
}

static void
test_refuse_then_import (void)
{
  Fixture fixture;
  g_autofree char *latin1_path = NULL;
  g_autofree char *empty_path = NULL;

  fixture_set_up (&fixture);
  latin1_path = sigla_test_write_file (fixture.dir, "latin1.txt", "caf\xe9", -1);
  empty_path = sigla_test_write_file (fixture.dir, "empty.txt", "", 0);

  assert_refused (fixture.project, latin1_path, SIGLA_ERROR_ENCODING, NULL);
  assert_refused (fixture.project, empty_path, SIGLA_ERROR_EMPTY, NULL);
  g_assert_cmpuint (count_documents (fixture.project), ==, 0);

  sigla_test_import_seed (fixture.project, "000");
  g_assert_cmpuint (count_documents (fixture.project), ==, 1);

  fixture_tear_down (&fixture);
}

static void
test_large_paragraphs (void)
{
  Fixture fixture;
  g_autoptr(GString) source = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(SiglaDocument) document = NULL;
  g_autoptr(GArray) blocks = NULL;
  g_autofree char *path = NULL;
  guint n_paragraphs = 0;
  gint64 expected_length;

  fixture_set_up (&fixture);

  while (source->len < scaled_size (16 * MB))
    {
      g_autofree char *paragraph =
        g_strdup_printf ("Paragraph %u: the delegations met at Kaesŏng (개성) on the 38th parallel — "
                         "Пханмунджом, «armistice», 板門店 and the line of the front were discussed.",
                         n_paragraphs);

      if (n_paragraphs > 0)
        {
          g_string_append (source, "\n\n");
          g_string_append_c (expected, '\n');
        }
      g_string_append (source, paragraph);
      g_string_append (expected, paragraph);
      n_paragraphs++;
    }
  g_string_append_c (source, '\n');

  path = sigla_test_write_file (fixture.dir, "large.txt", source->str, source->len);
  document = get_document (fixture.project, import_path (fixture.project, path));
  blocks = get_checked_blocks (fixture.project, document);

  expected_length = g_utf8_strlen (expected->str, expected->len);
  g_test_message ("%u paragraphs, %" G_GSIZE_FORMAT " bytes, %" G_GINT64_FORMAT " code points",
                  n_paragraphs, source->len, expected_length);
  g_assert_cmpint (document->length, ==, expected_length);
  g_assert_cmpuint (strlen (document->text), ==, expected->len);
  g_assert_true (strcmp (document->text, expected->str) == 0);
  g_assert_cmpuint (blocks->len, ==, n_paragraphs);
  g_assert_cmpint (g_array_index (blocks, SiglaBlock, blocks->len - 1).end, ==, expected_length);
  assert_source_kept (document, path);

  fixture_tear_down (&fixture);
}

/* A line of about 10 MB made of @unit, without its last space. */
static void
check_long_line (const char *unit)
{
  Fixture fixture;
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(SiglaDocument) document = NULL;
  g_autoptr(GArray) blocks = NULL;
  g_autofree char *path = NULL;
  const SiglaBlock *block;
  gint64 expected_length;
  gint64 begin;

  fixture_set_up (&fixture);

  while (line->len < scaled_size (10 * MB))
    g_string_append (line, unit);
  g_string_truncate (line, line->len - 1);

  path = sigla_test_write_file (fixture.dir, "line.txt", line->str, line->len);
  begin = g_get_monotonic_time ();
  document = get_document (fixture.project, import_path (fixture.project, path));
  g_test_message ("imported %" G_GSIZE_FORMAT " bytes in %.1f s",
                  line->len, (g_get_monotonic_time () - begin) / (double) G_USEC_PER_SEC);
  blocks = get_checked_blocks (fixture.project, document);

  expected_length = g_utf8_strlen (line->str, line->len);
  g_assert_cmpint (document->length, ==, expected_length);
  g_assert_true (strcmp (document->text, line->str) == 0);
  g_assert_cmpuint (blocks->len, ==, 1);
  block = &g_array_index (blocks, SiglaBlock, 0);
  g_assert_cmpint (block->start, ==, 0);
  g_assert_cmpint (block->end, ==, expected_length);
  g_assert_cmpint (block->kind, ==, SIGLA_BLOCK_P);
  assert_source_kept (document, path);

  fixture_tear_down (&fixture);
}

/* Non-ASCII that normalisation leaves as it is. */
static void
test_large_line (void)
{
  check_long_line ("the talks at Panmunjom — Пханмунджом, 板門店 — resumed; ");
}

/* Letters whose NFC is a composition (ŏ, Hangul syllables), as in Korean
 * or romanised Korean text: the work must stay in proportion to the size,
 * so the import runs in a child that is stopped when it takes far longer
 * than that. */
static void
test_large_line_composed (void)
{
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, LARGE_IMPORT_TIMEOUT_S * G_USEC_PER_SEC,
                              G_TEST_SUBPROCESS_INHERIT_STDERR);
      if (g_test_trap_reached_timeout ())
        g_test_fail_printf ("importing a 10 MB line of composed letters took more than %d s",
                            LARGE_IMPORT_TIMEOUT_S);
      else
        g_test_trap_assert_passed ();
      return;
    }

  check_long_line ("the talks at Kaesŏng (개성) resumed; ");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/seed/000/metadata", test_seed_000_metadata);
  g_test_add_func ("/import/seed/000/text", test_seed_000_text);
  g_test_add_func ("/import/seed/000/blocks", test_seed_000_blocks);
  g_test_add_func ("/import/seed/001", test_seed_001);
  g_test_add_func ("/import/seed/002", test_seed_002);
  g_test_add_func ("/import/seed/dates", test_seed_dates);
  g_test_add_func ("/import/seed/all", test_seed_all);
  g_test_add_func ("/import/encoding/utf8-bom", test_encoding_utf8_bom);
  g_test_add_func ("/import/encoding/utf16le", test_encoding_utf16le);
  g_test_add_func ("/import/encoding/utf16be", test_encoding_utf16be);
  g_test_add_func ("/import/encoding/line-ends", test_encoding_line_ends);
  g_test_add_func ("/import/encoding/nfc", test_encoding_nfc);
  g_test_add_func ("/import/encoding/control-c0", test_encoding_control_c0);
  g_test_add_func ("/import/encoding/control-c1", test_encoding_control_c1);
  g_test_add_func ("/import/encoding/control-in-math", test_encoding_control_in_math);
  g_test_add_func ("/import/title/after-date", test_title_after_date);
  g_test_add_func ("/import/refuse/binary", test_refuse_binary);
  g_test_add_func ("/import/refuse/latin1", test_refuse_latin1);
  g_test_add_func ("/import/refuse/utf16-without-bom", test_refuse_utf16_without_bom);
  g_test_add_func ("/import/refuse/directory", test_refuse_directory);
  g_test_add_func ("/import/refuse/missing", test_refuse_missing);
  g_test_add_func ("/import/refuse/empty", test_refuse_empty);
  g_test_add_func ("/import/refuse/blank", test_refuse_blank);
  g_test_add_func ("/import/refuse/bom-only", test_refuse_bom_only);
  g_test_add_func ("/import/refuse/no-bytes", test_refuse_no_bytes);
  g_test_add_func ("/import/refuse/fifo", test_refuse_fifo);
  g_test_add_func ("/import/refuse/nul", test_refuse_nul);
  g_test_add_func ("/import/refuse/unreadable", test_refuse_unreadable);
  g_test_add_func ("/import/refuse/large-binary", test_refuse_large_binary);
  g_test_add_func ("/import/refuse/then-import", test_refuse_then_import);
  g_test_add_func ("/import/large/paragraphs", test_large_paragraphs);
  g_test_add_func ("/import/large/line", test_large_line);
  g_test_add_func ("/import/large/line-composed", test_large_line_composed);
  g_test_add_func ("/import/large/file", test_large_file);

  return g_test_run ();
}
