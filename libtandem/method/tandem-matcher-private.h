/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-matcher-private.h: the fields of the matcher's small types, which
 * TandemMatcher fills (tandem-rep-tag.c, tandem-match-proposal.c) */

#pragma once

#include "tandem-matcher.h"

G_BEGIN_DECLS

struct _TandemRepTag
{
  GObject       parent_instance;
  TandemTagKind kind;
  char         *name;
  guint         level;
};

struct _TandemMatchProposal
{
  GObject    parent_instance;
  TandemRep *inside_rep;
  TandemRep *field_rep;
  char      *explanation;
  int        score;
  gboolean   fixed;
};

/* Checks a tag of @kind and its @level (1–5) as a rep tag takes them. */
gboolean _tandem_rep_tag_check (TandemTagKind kind, const char *tag, guint level, GError **error);

G_END_DECLS
