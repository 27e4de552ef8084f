/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-line-table.c: a settlement's payout lines, held compact.
 *
 * Lines are appended to a tail of up to LINE_BLOCK structs; a full tail is
 * encoded into a block. In a block each line is
 *
 *     mask          one byte: which fields follow (bits below)
 *     [kinds]       kind, reason, activity kind, flags: four bytes, when
 *                   they differ from the line before
 *     [rep] [team] [account]   zigzag varints of the difference to the
 *                   line before, when there is one
 *     [rate] [share]           zigzag varints, when they changed
 *     [extras]      a byte saying which of other, other2 and earned follow,
 *                   then each as a zigzag varint
 *     activity seq amount base pool   zigzag varints (activity and seq as
 *                   the difference to the line before)
 *     [text]        a varint length, the bytes and a NUL
 *
 * The line before the first of a block is all zero, so that any block
 * decodes alone. Differences are taken modulo 2^64, so that any gint64
 * survives. A sorted month's lines take 15–30 bytes each instead of the
 * struct's 112.
 *
 * Memory stays flat at any size: beyond LINE_MEMORY bytes of blocks, a
 * block without texts is written to an unlinked temporary file and read
 * back with pread() into the reader's own buffer (the iterator's, or the
 * read cache's under its lock). Blocks with texts stay in memory, so that
 * a decoded text always points into memory that lasts. When the file
 * cannot be made or written, blocks stay in memory; when it cannot be
 * read, the lines read as zero and _tandem_line_table_check() says so. */

#include "config.h"

#include <errno.h>
#include "tandem-i18n-private.h"
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "tandem-store.h"

#include "tandem-line-table-private.h"

#define MASK_KINDS 0x01
#define MASK_REP 0x02
#define MASK_TEAM 0x04
#define MASK_ACCOUNT 0x08
#define MASK_RATE 0x10
#define MASK_SHARE 0x20
#define MASK_EXTRAS 0x40
#define MASK_TEXT 0x80

#define EXTRA_OTHER 0x01
#define EXTRA_OTHER2 0x02
#define EXTRA_EARNED 0x04

/* Bytes of blocks held in memory before blocks go to the file. */
#define LINE_MEMORY (8 * 1024 * 1024)

typedef struct
{
  guint   first; /* position of its first line */
  guint   count;
  gsize   size;
  guint8 *data; /* in memory, or NULL: in the file at offset */
  gint64  offset;
  gint64  first_rep; /* the reps of its first and last line */
  gint64  last_rep;
} Block;

/* A growing byte buffer written through a pointer. */
typedef struct
{
  guint8 *data;
  gsize   len;
  gsize   cap;
} Buf;

struct _TandemLineTable
{
  GArray     *blocks;     /* Block, in position order */
  guint       len;        /* lines in the blocks and the tail */
  guint       sorted_len; /* [0, sorted_len) is sorted by rep, then seq */
  gsize       size;       /* bytes of the blocks */
  gsize       memory;     /* bytes of the blocks held in memory */
  gsize       budget;     /* LINE_MEMORY, or what a test set */
  int         fd;         /* the temporary file, or -1 */
  gint64      file_end;
  gboolean    no_file;          /* the file could not be made or written */
  int         read_errno;       /* a read of the file failed */
  TandemLine  tail[LINE_BLOCK]; /* the last lines, not encoded yet; they own their texts */
  guint       tail_len;
  Buf         scratch;
  GMutex      lock; /* the read cache */
  TandemLine *cache;
  guint8     *cache_bytes;
  guint       cache_block;
};

static void
block_clear (Block *block)
{
  g_clear_pointer (&block->data, g_free);
}

/* LINE_MEMORY, or TANDEM_LINE_MEMORY from the environment (bytes; the
 * tests run a suite with 0, so that every block without texts goes to the
 * file). */
static gsize
default_budget (void)
{
  static gsize budget = 0;

  if (g_once_init_enter (&budget))
    {
      const char *env = g_getenv ("TANDEM_LINE_MEMORY");
      guint64     value = LINE_MEMORY;

      if (env != NULL && !g_ascii_string_to_unsigned (env, 10, 0, G_MAXSIZE - 1, &value, NULL))
        value = LINE_MEMORY;
      g_once_init_leave (&budget, (gsize)value + 1);
    }
  return budget - 1;
}

TandemLineTable *
_tandem_line_table_new (void)
{
  TandemLineTable *store = g_new0 (TandemLineTable, 1);

  store->blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  g_array_set_clear_func (store->blocks, (GDestroyNotify)block_clear);
  store->cache_block = G_MAXUINT;
  store->budget = default_budget ();
  store->fd = -1;
  g_mutex_init (&store->lock);
  return store;
}

void
_tandem_line_table_free (TandemLineTable *store)
{
  if (store == NULL)
    return;
  for (guint k = 0; k < store->tail_len; k++)
    g_free (store->tail[k].text);
  g_array_unref (store->blocks);
  g_free (store->scratch.data);
  g_free (store->cache);
  g_free (store->cache_bytes);
  if (store->fd >= 0)
    close (store->fd);
  g_mutex_clear (&store->lock);
  g_free (store);
}

void
_tandem_line_table_set_memory (TandemLineTable *store, gsize budget)
{
  store->budget = budget;
}

gsize
_tandem_line_table_get_memory (TandemLineTable *store)
{
  return store->memory;
}

gboolean
_tandem_line_table_check (TandemLineTable *store, GError **error)
{
  if (store->read_errno == 0)
    return TRUE;
  g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_IO,
               _ ("Could not read the settlement's lines back from a temporary file: %s"),
               g_strerror (store->read_errno));
  return FALSE;
}

guint
_tandem_line_table_get_len (TandemLineTable *store)
{
  return store->len;
}

gsize
_tandem_line_table_get_size (TandemLineTable *store)
{
  return store->size;
}

static inline guint64
zigzag (guint64 value)
{
  return (value << 1) ^ (guint64)((gint64)value >> 63);
}

static inline guint64
unzigzag (guint64 value)
{
  return (value >> 1) ^ (0 - (value & 1));
}

static inline guint8 *
put_varint (guint8 *p, guint64 value)
{
  while (value >= 0x80)
    {
      *p++ = (guint8)(value | 0x80);
      value >>= 7;
    }
  *p++ = (guint8)value;
  return p;
}

static inline guint64
get_varint (const guint8 **p)
{
  guint64 value;
  guint   shift = 7;

  /* most fields take one or two bytes */
  if ((*p)[0] < 0x80)
    return *(*p)++;
  if ((*p)[1] < 0x80)
    {
      value = ((*p)[0] & 0x7f) | (guint64)(*p)[1] << 7;
      *p += 2;
      return value;
    }
  value = *(*p)++ & 0x7f;
  for (;;)
    {
      guint8 b = *(*p)++;

      value |= (guint64)(b & 0x7f) << shift;
      if (b < 0x80)
        return value;
      shift += 7;
    }
}

/* the difference b − a, modulo 2^64, as a zigzag varint */
static inline guint8 *
put_delta (guint8 *p, gint64 a, gint64 b)
{
  return put_varint (p, zigzag ((guint64)b - (guint64)a));
}

static inline gint64
get_delta (const guint8 **p, gint64 a)
{
  return (gint64)((guint64)a + unzigzag (get_varint (p)));
}

/* the most a line takes without its text: the mask, the kinds, the
 * extras byte and 14 varints of at most 10 bytes */
#define LINE_MAX_BYTES (1 + 4 + 1 + 14 * 10)
G_STATIC_ASSERT (LINE_BLOCK *LINE_MAX_BYTES <= LINE_BLOCK_BYTES);

static void
encode_line (Buf *out, const TandemLine *l, const TandemLine *prev)
{
  gsize   text_len = l->text != NULL ? strlen (l->text) : 0;
  guint8  mask = 0;
  guint8  extras = 0;
  guint8 *p;

  if (out->len + LINE_MAX_BYTES + text_len + 1 > out->cap)
    {
      out->cap = MAX (out->cap * 2, out->len + LINE_MAX_BYTES + text_len + 1);
      out->data = g_realloc (out->data, out->cap);
    }
  p = out->data + out->len;

  if (l->kind != prev->kind || l->reason != prev->reason || l->activity_kind != prev->activity_kind
      || l->flags != prev->flags)
    mask |= MASK_KINDS;
  if (l->rep_id != prev->rep_id)
    mask |= MASK_REP;
  if (l->team_id != prev->team_id)
    mask |= MASK_TEAM;
  if (l->account_id != prev->account_id)
    mask |= MASK_ACCOUNT;
  if (l->rate != prev->rate)
    mask |= MASK_RATE;
  if (l->share_bp != prev->share_bp)
    mask |= MASK_SHARE;
  extras = (l->other != 0 ? EXTRA_OTHER : 0) | (l->other2 != 0 ? EXTRA_OTHER2 : 0)
           | (l->earned != 0 ? EXTRA_EARNED : 0);
  if (extras != 0)
    mask |= MASK_EXTRAS;
  if (l->text != NULL)
    mask |= MASK_TEXT;

  *p++ = mask;
  if (mask & MASK_KINDS)
    {
      *p++ = l->kind;
      *p++ = l->reason;
      *p++ = l->activity_kind;
      *p++ = l->flags;
    }
  if (mask & MASK_REP)
    p = put_delta (p, prev->rep_id, l->rep_id);
  if (mask & MASK_TEAM)
    p = put_delta (p, prev->team_id, l->team_id);
  if (mask & MASK_ACCOUNT)
    p = put_delta (p, prev->account_id, l->account_id);
  if (mask & MASK_RATE)
    p = put_delta (p, 0, l->rate);
  if (mask & MASK_SHARE)
    p = put_delta (p, 0, l->share_bp);
  if (mask & MASK_EXTRAS)
    {
      *p++ = extras;
      if (extras & EXTRA_OTHER)
        p = put_delta (p, 0, l->other);
      if (extras & EXTRA_OTHER2)
        p = put_delta (p, 0, l->other2);
      if (extras & EXTRA_EARNED)
        p = put_delta (p, 0, l->earned);
    }
  p = put_delta (p, prev->activity_id, l->activity_id);
  p = put_delta (p, prev->seq, l->seq);
  p = put_delta (p, 0, l->amount);
  p = put_delta (p, 0, l->base);
  p = put_delta (p, 0, l->pool);
  if (mask & MASK_TEXT)
    {
      p = put_varint (p, text_len);
      memcpy (p, l->text, text_len + 1);
      p += text_len + 1;
    }
  out->len = (gsize)(p - out->data);
}

static const guint8 *
decode_line (const guint8 *p, TandemLine *l, const TandemLine *prev)
{
  guint8 mask = *p++;

  if (mask & MASK_KINDS)
    {
      l->kind = p[0];
      l->reason = p[1];
      l->activity_kind = p[2];
      l->flags = p[3];
      p += 4;
    }
  else
    {
      l->kind = prev->kind;
      l->reason = prev->reason;
      l->activity_kind = prev->activity_kind;
      l->flags = prev->flags;
    }
  l->rep_id = mask & MASK_REP ? get_delta (&p, prev->rep_id) : prev->rep_id;
  l->team_id = mask & MASK_TEAM ? get_delta (&p, prev->team_id) : prev->team_id;
  l->account_id = mask & MASK_ACCOUNT ? get_delta (&p, prev->account_id) : prev->account_id;
  l->rate = mask & MASK_RATE ? get_delta (&p, 0) : prev->rate;
  l->share_bp = mask & MASK_SHARE ? (gint32)get_delta (&p, 0) : prev->share_bp;
  l->other = l->other2 = l->earned = 0;
  if (mask & MASK_EXTRAS)
    {
      guint8 extras = *p++;

      if (extras & EXTRA_OTHER)
        l->other = get_delta (&p, 0);
      if (extras & EXTRA_OTHER2)
        l->other2 = get_delta (&p, 0);
      if (extras & EXTRA_EARNED)
        l->earned = get_delta (&p, 0);
    }
  l->activity_id = get_delta (&p, prev->activity_id);
  l->seq = (guint)get_delta (&p, prev->seq);
  l->amount = get_delta (&p, 0);
  l->base = get_delta (&p, 0);
  l->pool = get_delta (&p, 0);
  l->text = NULL;
  if (mask & MASK_TEXT)
    {
      gsize n = get_varint (&p);

      l->text = (char *)p;
      p += n + 1;
    }
  return p;
}

/* the most a block without texts takes */
#define BLOCK_MAX_BYTES LINE_BLOCK_BYTES

static void
decode_bytes (const guint8 *p, guint count, TandemLine *out)
{
  TandemLine zero = { 0 };

  for (guint k = 0; k < count; k++)
    p = decode_line (p, &out[k], k == 0 ? &zero : &out[k - 1]);
}

/* The bytes of @block: its memory, or read from the file into @buffer
 * (BLOCK_MAX_BYTES). */
static const guint8 *
block_bytes (TandemLineTable *store, const Block *block, guint8 *buffer)
{
  gsize done = 0;

  if (block->data != NULL)
    return block->data;
  while (done < block->size)
    {
      gssize n = pread (store->fd, buffer + done, block->size - done, block->offset + done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          store->read_errno = n < 0 ? errno : EIO;
          memset (buffer, 0, BLOCK_MAX_BYTES);
          return buffer;
        }
      done += (gsize)n;
    }
  return buffer;
}

static gboolean
write_all (int fd, const guint8 *bytes, gsize len, gint64 offset)
{
  while (len > 0)
    {
      gssize n = pwrite (fd, bytes, len, offset);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      bytes += n;
      len -= (gsize)n;
      offset += n;
    }
  return TRUE;
}

/* Gives @block the @len encoded @bytes: to the file when memory is spent
 * and the block has no texts, else in memory. */
static void
block_put (TandemLineTable *store, Block *block, const guint8 *bytes, gsize len, gboolean has_text)
{
  block->size = len;
  store->size += len;
  if (!has_text && !store->no_file && store->memory + len > store->budget)
    {
      if (store->fd < 0)
        {
          g_autofree char *path = NULL;

          store->fd = g_file_open_tmp ("tandem-lines-XXXXXX", &path, NULL);
          if (store->fd >= 0)
            g_unlink (path);
        }
      if (store->fd >= 0 && write_all (store->fd, bytes, len, store->file_end))
        {
          block->data = NULL;
          block->offset = store->file_end;
          store->file_end += (gint64)len;
          return;
        }
      store->no_file = TRUE;
    }
  block->data = g_memdup2 (bytes, len);
  store->memory += len;
}

/* Lets go of @block's bytes (the file keeps its space). */
static void
block_drop (TandemLineTable *store, Block *block)
{
  if (block->data != NULL)
    store->memory -= block->size;
  store->size -= block->size;
  block->size = 0;
  g_clear_pointer (&block->data, g_free);
}

/* Encodes @n lines into @block, which has no bytes yet. */
static void
encode_block (TandemLineTable *store, const TandemLine *lines, guint n, Block *block)
{
  TandemLine zero = { 0 };
  gboolean   has_text = FALSE;

  store->scratch.len = 0;
  for (guint k = 0; k < n; k++)
    {
      encode_line (&store->scratch, &lines[k], k == 0 ? &zero : &lines[k - 1]);
      has_text |= lines[k].text != NULL;
    }
  block->count = n;
  block->first_rep = n > 0 ? lines[0].rep_id : 0;
  block->last_rep = n > 0 ? lines[n - 1].rep_id : 0;
  block_put (store, block, store->scratch.data, store->scratch.len, has_text);
}

static void
flush_tail (TandemLineTable *store)
{
  Block block = { store->len - store->tail_len, 0, 0, NULL, 0, 0, 0 };

  if (store->tail_len == 0)
    return;
  encode_block (store, store->tail, store->tail_len, &block);
  g_array_append_val (store->blocks, block);
  for (guint k = 0; k < store->tail_len; k++)
    g_clear_pointer (&store->tail[k].text, g_free);
  store->tail_len = 0;
}

guint
_tandem_line_table_append (TandemLineTable *store, const TandemLine *line)
{
  if (store->tail_len == LINE_BLOCK)
    flush_tail (store);
  store->tail[store->tail_len] = *line;
  store->tail[store->tail_len].seq = store->len;
  store->tail_len++;
  return store->len++;
}

/* The block of @blocks that holds @position. */
static guint
find_block_in (GArray *blocks, guint position)
{
  guint lo = 0;
  guint hi = blocks->len;

  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (blocks, Block, mid).first <= position)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

/* The block that holds @position, which is before the tail. */
static guint
find_block (TandemLineTable *store, guint position)
{
  return find_block_in (store->blocks, position);
}

void
_tandem_line_table_get (TandemLineTable *store, guint position, TandemLine *out)
{
  guint tail_start = store->len - store->tail_len;
  guint b;

  g_return_if_fail (position < store->len);

  if (position >= tail_start)
    {
      *out = store->tail[position - tail_start];
      return;
    }
  b = find_block (store, position);
  g_mutex_lock (&store->lock);
  if (store->cache == NULL)
    {
      store->cache = g_new (TandemLine, LINE_BLOCK);
      store->cache_bytes = g_malloc (BLOCK_MAX_BYTES);
    }
  if (store->cache_block != b)
    {
      const Block *block = &g_array_index (store->blocks, Block, b);

      decode_bytes (block_bytes (store, block, store->cache_bytes), block->count, store->cache);
      store->cache_block = b;
    }
  *out = store->cache[position - g_array_index (store->blocks, Block, b).first];
  g_mutex_unlock (&store->lock);
}

void
_tandem_line_table_set (TandemLineTable *store, guint position, const TandemLine *line)
{
  guint       tail_start = store->len - store->tail_len;
  TandemLine  lines[LINE_BLOCK];
  guint8      bytes[BLOCK_MAX_BYTES];
  Block      *block;
  TandemLine *l;
  guint       seq;
  guint8     *old;

  g_return_if_fail (position < store->len);

  if (position >= tail_start)
    {
      l = &store->tail[position - tail_start];
      seq = l->seq;
      if (position < store->sorted_len && l->rep_id != line->rep_id)
        store->sorted_len = 0;
      if (l->text != line->text)
        g_free (l->text);
      *l = *line;
      l->seq = seq;
      return;
    }

  block = &g_array_index (store->blocks, Block, find_block (store, position));
  decode_bytes (block_bytes (store, block, bytes), block->count, lines);
  l = &lines[position - block->first];
  seq = l->seq;
  if (l->rep_id != line->rep_id)
    store->sorted_len = 0;
  /* the texts point into the old data: encoded again before it goes */
  old = l->text != line->text ? (guint8 *)line->text : NULL;
  *l = *line;
  l->seq = seq;
  {
    /* the block's bytes go after it is encoded again */
    Block gone = *block;

    block->data = NULL;
    block->size = 0;
    encode_block (store, lines, block->count, block);
    block_drop (store, &gone);
  }
  g_free (old);

  g_mutex_lock (&store->lock);
  store->cache_block = G_MAXUINT;
  g_mutex_unlock (&store->lock);
}

/* One rep's lines while they are dealt out: its blocks and the block it
 * is writing. */
typedef struct
{
  gint64     rep_id;
  TandemLine prev;
  guint      count;
  gboolean   has_text;
  Buf        open;
  GArray    *blocks;
} RepOut;

static void
rep_out_close (TandemLineTable *store, RepOut *out)
{
  Block block = { 0, out->count, 0, NULL, 0, out->rep_id, out->rep_id };

  if (out->count == 0)
    return;
  block_put (store, &block, out->open.data, out->open.len, out->has_text);
  g_array_append_val (out->blocks, block);
  out->open.len = 0;
  out->count = 0;
  out->has_text = FALSE;
}

static void
rep_out_free (RepOut *out)
{
  g_free (out->open.data);
  g_array_unref (out->blocks);
  g_free (out);
}

static int
compare_rep_out (gconstpointer a, gconstpointer b)
{
  gint64 x = (*(RepOut *const *)a)->rep_id;
  gint64 y = (*(RepOut *const *)b)->rep_id;

  return (x > y) - (x < y);
}

static GArray *
new_blocks (void)
{
  GArray *blocks = g_array_new (FALSE, FALSE, sizeof (Block));

  g_array_set_clear_func (blocks, (GDestroyNotify)block_clear);
  return blocks;
}

/* Deals every line into its rep's blocks, freeing each block read, then
 * puts the reps' blocks one after the other, reps ascending. */
static void
sort_full (TandemLineTable *store)
{
  g_autoptr (GHashTable) by_rep
      = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify)rep_out_free);
  g_autoptr (GPtrArray) outs = g_ptr_array_new ();
  g_autoptr (GArray) blocks = g_steal_pointer (&store->blocks);
  TandemLine lines[LINE_BLOCK];
  guint8     bytes[BLOCK_MAX_BYTES];
  TandemLine zero = { 0 };
  RepOut    *out = NULL;
  guint      position = 0;

  for (guint b = 0; b <= blocks->len; b++)
    {
      Block            *block = b < blocks->len ? &g_array_index (blocks, Block, b) : NULL;
      const TandemLine *src = store->tail;
      guint             n = store->tail_len;

      if (block != NULL)
        {
          decode_bytes (block_bytes (store, block, bytes), block->count, lines);
          src = lines;
          n = block->count;
        }
      for (guint k = 0; k < n; k++)
        {
          const TandemLine *l = &src[k];

          if (out == NULL || out->rep_id != l->rep_id)
            out = g_hash_table_lookup (by_rep, &l->rep_id);
          if (out == NULL)
            {
              out = g_new0 (RepOut, 1);
              out->rep_id = l->rep_id;
              out->blocks = g_array_new (FALSE, FALSE, sizeof (Block));
              g_hash_table_insert (by_rep, &out->rep_id, out);
              g_ptr_array_add (outs, out);
            }
          encode_line (&out->open, l, out->count == 0 ? &zero : &out->prev);
          out->has_text |= l->text != NULL;
          out->prev = *l;
          out->prev.text = NULL;
          if (++out->count == LINE_BLOCK)
            rep_out_close (store, out);
        }
      /* its lines are written again: the block (its texts too) goes */
      if (block != NULL)
        block_drop (store, block);
    }
  for (guint k = 0; k < store->tail_len; k++)
    g_clear_pointer (&store->tail[k].text, g_free);
  store->tail_len = 0;

  g_ptr_array_sort (outs, compare_rep_out);
  store->blocks = new_blocks ();
  for (guint r = 0; r < outs->len; r++)
    {
      out = g_ptr_array_index (outs, r);
      rep_out_close (store, out);
      for (guint b = 0; b < out->blocks->len; b++)
        {
          Block block = g_array_index (out->blocks, Block, b);

          block.first = position;
          position += block.count;
          g_array_append_val (store->blocks, block);
        }
      /* the blocks are the store's now */
      g_array_set_size (out->blocks, 0);
    }
  g_assert (position == store->len);
}

static int
compare_rep_seq (gconstpointer a, gconstpointer b)
{
  const TandemLine *x = a;
  const TandemLine *y = b;

  if (x->rep_id != y->rep_id)
    return x->rep_id < y->rep_id ? -1 : 1;
  return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Appends @lines to the store's blocks, LINE_BLOCK at a time. */
static void
append_blocks (TandemLineTable *store, const TandemLine *lines, guint n, guint *position)
{
  for (guint k = 0; k < n; k += LINE_BLOCK)
    {
      Block block = { *position, 0, 0, NULL, 0, 0, 0 };

      encode_block (store, lines + k, MIN (LINE_BLOCK, n - k), &block);
      *position += block.count;
      g_array_append_val (store->blocks, block);
    }
}

/* The lines after a sorted part (a few: caps, disputes, draws) go into
 * it: only the blocks that get lines are written again. A line added
 * later has a higher seq than every line of the sorted part, so it goes
 * after its rep's last line there. */
static void
sort_merge (TandemLineTable *store)
{
  g_autoptr (GArray) pending = g_array_new (FALSE, FALSE, sizeof (TandemLine));
  g_autoptr (GArray) old = g_steal_pointer (&store->blocks);
  g_autofree TandemLine *merged = NULL;
  guint                  sorted_blocks = find_block_in (old, store->sorted_len - 1) + 1;
  TandemLine             lines[LINE_BLOCK];
  guint8                 bytes[BLOCK_MAX_BYTES];
  guint                  position = 0;
  guint                  j = 0;

  for (guint b = sorted_blocks; b < old->len; b++)
    {
      Block *block = &g_array_index (old, Block, b);

      decode_bytes (block_bytes (store, block, bytes), block->count, lines);
      for (guint k = 0; k < block->count; k++)
        {
          TandemLine copy = lines[k];

          copy.text = g_strdup (lines[k].text);
          g_array_append_val (pending, copy);
        }
      block_drop (store, block);
    }
  g_array_append_vals (pending, store->tail, store->tail_len);
  store->tail_len = 0;
  g_array_set_size (old, sorted_blocks);
  g_array_sort (pending, compare_rep_seq);

  store->blocks = new_blocks ();
  merged = g_new (TandemLine, LINE_BLOCK + pending->len);
  for (guint b = 0; b < old->len; b++)
    {
      Block *block = &g_array_index (old, Block, b);
      gint64 next_rep = b + 1 < old->len ? g_array_index (old, Block, b + 1).first_rep : G_MAXINT64;
      guint  upto = j;
      guint  n = 0;
      guint  k = 0;

      while (upto < pending->len
             && (g_array_index (pending, TandemLine, upto).rep_id < next_rep || b + 1 == old->len))
        upto++;
      if (upto == j)
        {
          Block moved = *block;

          moved.first = position;
          position += moved.count;
          block->data = NULL;
          g_array_append_val (store->blocks, moved);
          continue;
        }

      decode_bytes (block_bytes (store, block, bytes), block->count, lines);
      while (k < block->count || j < upto)
        {
          if (j == upto
              || (k < block->count
                  && compare_rep_seq (&lines[k], &g_array_index (pending, TandemLine, j)) < 0))
            merged[n++] = lines[k++];
          else
            merged[n++] = g_array_index (pending, TandemLine, j++);
        }
      append_blocks (store, merged, n, &position);
      block_drop (store, block);
    }
  for (guint k = 0; k < pending->len; k++)
    g_free (g_array_index (pending, TandemLine, k).text);
  g_assert (j == pending->len && position == store->len);
}

void
_tandem_line_table_sort_by_rep (TandemLineTable *store)
{
  if (store->sorted_len == store->len)
    return;
  if (store->sorted_len == 0)
    sort_full (store);
  else
    sort_merge (store);
  store->sorted_len = store->len;

  g_mutex_lock (&store->lock);
  store->cache_block = G_MAXUINT;
  g_mutex_unlock (&store->lock);
}

void
_tandem_line_iter_init (TandemLineIter *iter, TandemLineTable *store, guint first, guint end)
{
  iter->store = store;
  iter->position = first;
  iter->end = MIN (end, store->len);
  iter->k = 0;
  iter->n = 0;
  iter->lines = NULL;
}

const TandemLine *
_tandem_line_iter_next (TandemLineIter *iter)
{
  TandemLineTable *store = iter->store;

  if (iter->position >= iter->end)
    return NULL;
  if (iter->k >= iter->n)
    {
      guint tail_start = store->len - store->tail_len;

      if (iter->position >= tail_start)
        {
          iter->lines = store->tail;
          iter->k = iter->position - tail_start;
          iter->n = store->tail_len;
        }
      else
        {
          const Block *block
              = &g_array_index (store->blocks, Block, find_block (store, iter->position));

          decode_bytes (block_bytes (store, block, iter->bytes), block->count, iter->buffer);
          iter->lines = iter->buffer;
          iter->k = iter->position - block->first;
          iter->n = block->count;
        }
    }
  iter->position++;
  return &iter->lines[iter->k++];
}
