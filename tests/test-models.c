/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-models.c: the list models the panels show (model/): after any sequence of tags, undos,
 * redos, renames, merges and deletions, each lists exactly what a fresh read of the project
 * lists, and a change keeps the rows it did not touch as the same objects. */

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sigla-core.h"
#include "sigla-test-util.h"

/* Until the models have heard every change (they gather them for the next frame). */
static void
run_pending (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* What the lists show, one line a row, for comparing with a fresh read. */
static char *
describe_entities (SiglaEntityTally *tally)
{
  GString *text = g_string_new (NULL);

  for (SiglaKind kind = SIGLA_KIND_PERSON; kind <= SIGLA_KIND_ORG; kind++)
    {
      GListModel *model = sigla_entity_tally_get_model (tally, kind);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(SiglaEntityItem) item = g_list_model_get_item (model, i);
          g_autofree char *aliases = g_strjoinv ("|", (char **) sigla_entity_item_get_aliases (item));

          g_string_append_printf (text, "%d %" G_GINT64_FORMAT " %s (%s) ×%u\n", kind,
                                  sigla_entity_item_get_id (item), sigla_entity_item_get_label (item), aliases,
                                  sigla_entity_item_get_count (item));
        }
    }
  return g_string_free (text, FALSE);
}

static char *
describe_dates (SiglaDateModel *dates)
{
  GListModel *model = sigla_date_model_get_model (dates);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SiglaDateItem) item = g_list_model_get_item (model, i);

      g_string_append_printf (text, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT " %s\n",
                              sigla_date_item_get_id (item), sigla_date_item_get_start (item),
                              sigla_date_item_get_end (item), sigla_date_item_get_when (item));
    }
  return g_string_free (text, FALSE);
}

static char *
describe_claims (SiglaClaimModel *claims)
{
  GListModel *model = sigla_claim_model_get_model (claims);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SiglaClaimItem) item = g_list_model_get_item (model, i);

      g_string_append_printf (text, "%" G_GINT64_FORMAT " %s %s “%s%s” %s\n", sigla_claim_item_get_id (item),
                              sigla_claim_item_get_speaker (item), sigla_claim_item_get_stance (item),
                              sigla_claim_item_get_words (item), sigla_claim_item_get_cut (item) ? "…" : "",
                              sigla_claim_item_get_paraphrase (item));
    }
  return g_string_free (text, FALSE);
}

/* The models that followed the changes list what models made now list. */
static void
assert_as_fresh (SiglaProject     *project,
                 gint64            scope,
                 SiglaEntityTally *tally,
                 SiglaDateModel   *dates,
                 SiglaClaimModel  *claims)
{
  g_autoptr(SiglaEntityTally) fresh_tally = sigla_entity_tally_new ();
  g_autoptr(SiglaDateModel) fresh_dates = sigla_date_model_new ();
  g_autoptr(SiglaClaimModel) fresh_claims = sigla_claim_model_new ();
  g_autofree char *followed = NULL, *read = NULL;
  g_autoptr(GError) error = NULL;

  run_pending ();
  g_assert_true (sigla_entity_tally_set_scope (fresh_tally, project, scope, &error));
  g_assert_true (sigla_date_model_set_scope (fresh_dates, project, scope, &error));
  g_assert_true (sigla_claim_model_set_scope (fresh_claims, project, scope, &error));
  g_assert_no_error (error);

  followed = describe_entities (tally);
  read = describe_entities (fresh_tally);
  g_assert_cmpstr (followed, ==, read);
  g_free (followed);
  g_free (read);
  followed = describe_dates (dates);
  read = describe_dates (fresh_dates);
  g_assert_cmpstr (followed, ==, read);
  g_free (followed);
  g_free (read);
  followed = describe_claims (claims);
  read = describe_claims (fresh_claims);
  g_assert_cmpstr (followed, ==, read);
}

static gint64
new_entity (SiglaProject *project,
            SiglaKind     kind,
            const char   *label)
{
  g_autoptr(SiglaEntity) entity = sigla_entity_new (kind, label);
  g_autoptr(GError) error = NULL;

  g_assert_true (sigla_entity_insert (project, entity, &error));
  g_assert_no_error (error);
  return entity->id;
}

static void
add_date (SiglaProject *project,
          gint64        document,
          gint64        start,
          const char   *when)
{
  g_autoptr(SiglaMention) date = sigla_mention_new ();
  g_autoptr(GError) error = NULL;

  date->document_id = document;
  date->kind = SIGLA_KIND_DATE;
  date->start = start;
  date->end = start + 4;
  date->when = g_strdup (when);
  g_assert_true (sigla_mention_insert (project, date, &error));
  g_assert_no_error (error);
}

static void
add_claim (SiglaProject *project,
           gint64        document,
           gint64        speaker,
           gint64        start,
           gint64        end)
{
  g_autoptr(SiglaClaim) claim = sigla_claim_new ();
  g_autoptr(GError) error = NULL;

  claim->document_id = document;
  claim->speaker_id = speaker;
  claim->start = start;
  claim->end = end;
  /* Refused once its speaker is merged away: a step that changes nothing. */
  if (!sigla_claim_insert (project, claim, &error))
    g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND);
}

/* Random tags, undos and redos, renames, merges and deletions in two
 * documents, each followed by the models of one document and of the whole
 * project; after each step they list what a fresh read lists. */
static void
test_follow_changes (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autoptr(SiglaProject) project = sigla_test_new_project (dir, NULL);
  gint64 one = sigla_test_import_seed (project, "000");
  gint64 two = sigla_test_import_seed (project, "004");
  gint64 people[4];
  g_autoptr(SiglaEntityTally) tally = sigla_entity_tally_new ();
  g_autoptr(SiglaDateModel) dates = sigla_date_model_new ();
  g_autoptr(SiglaClaimModel) claims = sigla_claim_model_new ();
  g_autoptr(SiglaEntityTally) whole = sigla_entity_tally_new ();
  g_autoptr(SiglaDateModel) whole_dates = sigla_date_model_new ();
  g_autoptr(SiglaClaimModel) whole_claims = sigla_claim_model_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);
  g_autoptr(GError) error = NULL;

  people[0] = new_entity (project, SIGLA_KIND_PERSON, "Joseph Stalin");
  people[1] = new_entity (project, SIGLA_KIND_PERSON, "Mao Zedong");
  people[2] = new_entity (project, SIGLA_KIND_PLACE, "Kaesong");
  people[3] = new_entity (project, SIGLA_KIND_ORG, "UN");
  g_assert_true (sigla_entity_tally_set_scope (tally, project, one, &error));
  g_assert_true (sigla_date_model_set_scope (dates, project, one, &error));
  g_assert_true (sigla_claim_model_set_scope (claims, project, one, &error));
  g_assert_true (sigla_entity_tally_set_scope (whole, project, SIGLA_SCOPE_PROJECT, &error));
  g_assert_true (sigla_date_model_set_scope (whole_dates, project, SIGLA_SCOPE_PROJECT, &error));
  g_assert_true (sigla_claim_model_set_scope (whole_claims, project, SIGLA_SCOPE_PROJECT, &error));
  g_assert_no_error (error);

  for (guint step = 0; step < 300; step++)
    {
      gint64 document = g_rand_boolean (rand) ? one : two;
      gint64 start = g_rand_int_range (rand, 0, 400);
      guint what = g_rand_int_range (rand, 0, 100);

      if (what < 45)
        {
          SiglaKind kind;
          gint64 entity = people[g_rand_int_range (rand, 0, 4)];
          g_autoptr(SiglaEntity) read = sigla_entity_get (project, entity, NULL);

          kind = read != NULL ? read->kind : SIGLA_KIND_PERSON;
          if (read != NULL)
            sigla_test_add_mention (project, document, kind, entity, start, start + 5);
        }
      else if (what < 55)
        add_date (project, document, start, g_rand_boolean (rand) ? "1951-07-13" : "1951-06");
      else if (what < 62)
        add_claim (project, document, people[g_rand_int_range (rand, 0, 2)], start, start + g_rand_int_range (rand, 1, 200));
      else if (what < 80)
        sigla_project_undo (project, NULL, NULL);
      else if (what < 92)
        sigla_project_redo (project, NULL, NULL);
      else if (what < 97)
        {
          gint64 entity = people[g_rand_int_range (rand, 0, 4)];
          g_autoptr(SiglaEntity) renamed = sigla_entity_get (project, entity, NULL);

          if (renamed != NULL)
            {
              g_free (renamed->label);
              renamed->label = g_strdup_printf ("%c %u", "AZ"[g_rand_int_range (rand, 0, 2)], step);
              sigla_entity_update (project, renamed, NULL);
            }
        }
      else
        {
          /* A merge of two, or a deletion: many mentions at once. */
          if (g_rand_boolean (rand))
            sigla_entity_merge (project, people[1], people[0], NULL);
          else
            sigla_entity_delete (project, people[3], g_rand_boolean (rand) ? SIGLA_DELETE_DETACH : SIGLA_DELETE_MENTIONS, NULL);
        }

      /* Every few steps, and at the end: the same as a fresh read. */
      if (step % 7 == 0 || step == 299)
        {
          assert_as_fresh (project, one, tally, dates, claims);
          assert_as_fresh (project, SIGLA_SCOPE_PROJECT, whole, whole_dates, whole_claims);
        }
    }

  sigla_test_remove_dir (dir);
}

/* A tag counts its entity's row in place: the other rows stay the same
 * objects, so a list view need not build them again; and a tag is in its
 * list before the next frame, without a read of the whole document. */
static void
test_rows_kept (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autoptr(SiglaProject) project = sigla_test_new_project (dir, NULL);
  gint64 document = sigla_test_import_seed (project, "004");
  gint64 stalin = new_entity (project, SIGLA_KIND_PERSON, "Joseph Stalin");
  gint64 mao = new_entity (project, SIGLA_KIND_PERSON, "Mao Zedong");
  g_autoptr(SiglaEntityTally) tally = sigla_entity_tally_new ();
  g_autoptr(SiglaEntityItem) first = NULL;
  g_autoptr(SiglaEntityItem) second = NULL;
  g_autoptr(SiglaEntityItem) after = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *people = sigla_entity_tally_get_model (tally, SIGLA_KIND_PERSON);
  guint changes = 0;

  sigla_test_add_mention (project, document, SIGLA_KIND_PERSON, stalin, 0, 5);
  sigla_test_add_mention (project, document, SIGLA_KIND_PERSON, mao, 10, 15);
  g_assert_true (sigla_entity_tally_set_scope (tally, project, document, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 2);
  first = g_list_model_get_item (people, 0);
  second = g_list_model_get_item (people, 1);
  g_assert_cmpstr (sigla_entity_item_get_label (first), ==, "Joseph Stalin");

  g_signal_connect_swapped (people, "items-changed", G_CALLBACK (g_atomic_int_inc), &changes);
  sigla_test_add_mention (project, document, SIGLA_KIND_PERSON, mao, 20, 25);
  run_pending ();
  /* Counted in place: no row replaced, the list unchanged as a list. */
  g_assert_cmpuint (changes, ==, 0);
  g_assert_cmpuint (sigla_entity_item_get_count (second), ==, 2);
  after = g_list_model_get_item (people, 0);
  g_assert_true (after == first);

  /* Undone: counted back. */
  g_assert_true (sigla_project_undo (project, NULL, &error));
  run_pending ();
  g_assert_cmpuint (sigla_entity_item_get_count (second), ==, 1);
  g_assert_cmpuint (changes, ==, 0);

  sigla_test_remove_dir (dir);
}

static char *
describe_documents (SiglaDocumentModel *documents)
{
  GListModel *model = sigla_document_model_get_model (documents);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SiglaDocumentItem) item = g_list_model_get_item (model, i);

      g_string_append_printf (text, "%s|", sigla_document_item_get_title (item));
    }
  return g_string_free (text, FALSE);
}

/* The documents listed follow imports and their undo, in the order asked:
 * by date (undated last), or by title. */
static void
test_documents (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autoptr(SiglaProject) project = sigla_test_new_project (dir, NULL);
  g_autoptr(SiglaDocumentModel) documents = sigla_document_model_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *by_date = NULL, *by_title = NULL, *fewer = NULL;
  g_autoptr(SiglaDocumentItem) kept = NULL;
  g_autoptr(SiglaDocumentItem) still = NULL;

  g_assert_true (sigla_document_model_set_project (documents, project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sigla_document_model_get_model (documents)), ==, 0);

  sigla_test_import_seed (project, "004");
  sigla_test_import_seed (project, "003");
  run_pending ();
  g_assert_cmpuint (g_list_model_get_n_items (sigla_document_model_get_model (documents)), ==, 2);
  by_date = describe_documents (documents);
  g_assert_true (sigla_document_model_set_order (documents, SIGLA_DOCUMENT_ORDER_TITLE, &error));
  by_title = describe_documents (documents);
  /* Seed 003 (14 June 1951) before 004 (30 June) by date; "BEIJING…" before "To Comrade…" by title. */
  g_assert_cmpstr (by_date, ==, "To Comrade Stalin, I.V.|BEIJING—TO KRASOVSKY|");
  g_assert_cmpstr (by_title, ==, "BEIJING—TO KRASOVSKY|To Comrade Stalin, I.V.|");

  /* The last import undone: its row goes, the other stays the same object. */
  kept = g_list_model_get_item (sigla_document_model_get_model (documents), 0);
  g_assert_true (sigla_project_undo (project, NULL, &error));
  g_assert_no_error (error);
  run_pending ();
  fewer = describe_documents (documents);
  g_assert_cmpstr (fewer, ==, "BEIJING—TO KRASOVSKY|");
  still = g_list_model_get_item (sigla_document_model_get_model (documents), 0);
  g_assert_true (still == kept);

  sigla_test_remove_dir (dir);
}

static int
compare_as_listed (gconstpointer a,
                   gconstpointer b,
                   gpointer      by_title)
{
  const SiglaDocument *x = *(SiglaDocument * const *) a, *y = *(SiglaDocument * const *) b;
  int by;

  if (by_title != NULL)
    by = g_utf8_collate (x->title, y->title);
  else if ((x->date == NULL) != (y->date == NULL))
    by = x->date == NULL ? 1 : -1;
  else
    by = g_strcmp0 (x->date, y->date);
  return by != 0 ? by : (x->id > y->id) - (x->id < y->id);
}

/* Hundreds of documents, read a page at a time: every row, across the
 * pages, is the document the order puts there (checked against the whole
 * list sorted here), by date (undated last) and by title, accents and all;
 * and an import undone takes them away. */
static void
test_documents_paged (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autoptr(SiglaProject) project = sigla_test_new_project (dir, NULL);
  g_autoptr(SiglaDocumentModel) documents = sigla_document_model_new ();
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (19510710);
  static const char * const words[] = { "Kaesong", "Kaesŏng", "armistice", "Édouard", "zone", "Ávila", "38th" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *name = g_strdup_printf ("%03u.txt", i);
      guint month = g_rand_int_range (rand, 0, 13);
      g_autofree char *date = month > 0 ? g_strdup_printf ("%u %s 1951\n\n", g_rand_int_range (rand, 1, 28),
                                                           (const char *[]) { "", "January", "February", "March",
                                                             "April", "May", "June", "July", "August", "September",
                                                             "October", "November", "December" }[month])
                                        : g_strdup ("");
      g_autofree char *text = g_strdup_printf ("# %s %s %u\n\n%sThe text.\n", words[g_rand_int_range (rand, 0, 7)],
                                               words[g_rand_int_range (rand, 0, 7)], i, date);

      g_ptr_array_add (paths, sigla_test_write_file (dir, name, text, -1));
    }
  g_ptr_array_add (paths, NULL);
  g_assert_cmpuint (sigla_import_files (project, (const char * const *) paths->pdata, NULL, NULL, NULL, &error), ==, 600);
  g_assert_true (sigla_document_model_set_project (documents, project, &error));

  for (int by_title = 0; by_title < 2; by_title++)
    {
      g_autoptr(GPtrArray) all = sigla_document_list (project, NULL);
      GListModel *model = sigla_document_model_get_model (documents);
      guint undated = 0;

      g_assert_true (sigla_document_model_set_order (documents, by_title ? SIGLA_DOCUMENT_ORDER_TITLE
                                                                         : SIGLA_DOCUMENT_ORDER_DATE, &error));
      g_ptr_array_sort_with_data (all, compare_as_listed, by_title ? GINT_TO_POINTER (1) : NULL);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, all->len);
      /* From the end backwards, so that each page is read when first asked for. */
      for (guint i = all->len; i-- > 0;)
        {
          g_autoptr(SiglaDocumentItem) item = g_list_model_get_item (model, i);

          g_assert_cmpint (sigla_document_item_get_id (item), ==, ((SiglaDocument *) all->pdata[i])->id);
          g_assert_cmpstr (sigla_document_item_get_title (item), ==, ((SiglaDocument *) all->pdata[i])->title);
          undated += sigla_document_item_get_date (item) == NULL;
        }
      g_assert_cmpuint (undated, >, 0);
      g_assert_cmpuint (undated, <, all->len);
    }

  g_assert_true (sigla_project_undo (project, NULL, &error));
  run_pending ();
  g_assert_cmpuint (g_list_model_get_n_items (sigla_document_model_get_model (documents)), ==, 0);
  sigla_test_remove_dir (dir);
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *changes)
{
  (*changes)++;
}

/* Another project in the same list: its rows, though its ids are the
 * same; the same project again, after another program renamed a document:
 * that row anew, told to the list. */
static void
test_documents_switch (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *first_dir = g_build_filename (dir, "a", NULL);
  g_autofree char *second_dir = g_build_filename (dir, "b", NULL);
  g_autofree char *second_path = NULL;
  g_autoptr(SiglaProject) first = NULL;
  g_autoptr(SiglaProject) second = NULL;
  g_autoptr(SiglaDocumentModel) documents = sigla_document_model_new ();
  GListModel *model = sigla_document_model_get_model (documents);
  g_autoptr(GError) error = NULL;
  guint changes = 0;
  sqlite3 *other;

  g_assert_cmpint (g_mkdir (first_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (second_dir, 0700), ==, 0);
  first = sigla_test_new_project (first_dir, NULL);
  second = sigla_test_new_project (second_dir, &second_path);
  sigla_test_import_seed (first, "004");
  sigla_test_import_seed (second, "003");
  g_signal_connect (model, "items-changed", G_CALLBACK (count_changes_cb), &changes);

  g_assert_true (sigla_document_model_set_project (documents, first, &error));
  {
    g_autoptr(SiglaDocumentItem) item = g_list_model_get_item (model, 0);

    g_assert_cmpstr (sigla_document_item_get_title (item), ==, "BEIJING—TO KRASOVSKY");
  }
  changes = 0;
  g_assert_true (sigla_document_model_set_project (documents, second, &error));
  g_assert_cmpuint (changes, ==, 1);
  {
    g_autoptr(SiglaDocumentItem) item = g_list_model_get_item (model, 0);

    g_assert_cmpstr (sigla_document_item_get_title (item), ==, "To Comrade Stalin, I.V.");
  }

  /* Renamed by another program, read again when the project is set again. */
  {
    g_autoptr(SiglaDocumentItem) before = g_list_model_get_item (model, 0);
    g_autoptr(SiglaDocumentItem) after = NULL;

    g_assert_cmpint (sqlite3_open (second_path, &other), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (other, "UPDATE documents SET title = 'Renamed' WHERE id = 1", NULL, NULL, NULL),
                     ==, SQLITE_OK);
    sqlite3_close (other);
    changes = 0;
    g_assert_true (sigla_document_model_set_project (documents, second, &error));
    g_assert_cmpuint (changes, ==, 1);
    after = g_list_model_get_item (model, 0);
    g_assert_cmpstr (sigla_document_item_get_title (after), ==, "Renamed");
    g_assert_true (after != before);
  }

  g_clear_object (&documents);
  sigla_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/models/follow-changes", test_follow_changes);
  g_test_add_func ("/models/rows-kept", test_rows_kept);
  g_test_add_func ("/models/documents", test_documents);
  g_test_add_func ("/models/documents-paged", test_documents_paged);
  g_test_add_func ("/models/documents-switch", test_documents_switch);

  return g_test_run ();
}
