/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-journal.h: undo and redo as rows of data, replayed by statements of Sigla's own. */
#pragma once

#include "sigla-db.h"

G_BEGIN_DECLS

/* One row an action changed, as the journal's triggers logged it. */
typedef struct
{
  char   *table;      /* one of the journalled tables */
  char   *op;         /* "insert", "delete" or "update": what the action did */
  gint64  row_id;
  gint64  trash_id;   /* the shadow copy of the row before a delete or update; 0 for an insert */
} SiglaJournalRow;

typedef struct _SiglaJournal SiglaJournal;

SiglaJournal *sigla_journal_new        (SiglaDb          *db);
void          sigla_journal_free       (SiglaJournal     *journal);
GArray       *sigla_journal_take_rows  (SiglaJournal     *journal,
                                        gint64            action_id,
                                        GError          **error);
gboolean      sigla_journal_reverse    (SiglaJournal     *journal,
                                        gint64            action_id,
                                        const SiglaJournalRow *row,
                                        GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SiglaJournal, sigla_journal_free)

G_END_DECLS
