/* oc-idx.c — MNIST-format IDX files, raw or gzip-compressed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An IDX file is a 4-byte magic (0x00, 0x00, type, rank), @rank big-endian 32-bit dimensions, then
 * the data in row-major order. We read unsigned bytes (type 0x08) only: images are rank 3
 * [n, rows, cols], labels rank 1 [n].
 *
 * The file is opened by oc-input (regular files only, nothing blocks) and memory-mapped. A gzip
 * file (magic 1f 8b) is inflated with GIO's GZlibDecompressor, a few MiB per call so the
 * cancellable is checked between chunks, into a buffer that grows as data arrives up to the size
 * the header declares. Because the header is validated, capped and checked against what the file
 * can hold before memory is committed, a corrupt or hostile header can neither overflow nor make
 * us allocate more than the file really holds.
 */
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-input.h"
#include "oc-config.h"
#include "oc-dataset-private.h"
#include "oc-idx.h"
#include <glib/gi18n-lib.h>
#include <inttypes.h>

/* Output bytes per decompression call: big enough that call overhead is noise, small enough that
 * cancellation is prompt (a few milliseconds of inflate). */
#define IDX_CHUNK ((gsize) 4 << 20)

/* Deflate never expands more than 1032:1 (a 258-byte match costs at least 2 bits), so a gzip
 * file of n bytes holds less than 1032·n bytes of data. */
#define IDX_DEFLATE_MAX_RATIO 1032

typedef struct
{
  const char   *path;
  GMappedFile  *map;
  const guint8 *in;
  gsize         in_len;
  gsize         in_pos;
  GConverter   *gunzip;   /* NULL for a raw file */
  gboolean      finished; /* the current gzip member has ended */
  guint64       out_pos;  /* data bytes delivered so far */
} IdxReader;

static void
reader_clear (IdxReader *r)
{
  g_clear_object (&r->gunzip);
  g_clear_pointer (&r->map, g_mapped_file_unref);
}

static gboolean
reader_open (IdxReader *r, const char *path, GError **error)
{
  memset (r, 0, sizeof *r);
  r->path = path;

  r->map = oc_input_map (path, error);
  if (r->map == NULL)
    return FALSE;
  r->in = (const guint8 *) g_mapped_file_get_contents (r->map);
  r->in_len = g_mapped_file_get_length (r->map);
  if (r->in_len == 0)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                   _("%s: the file is empty (0 bytes); download it again"), path);
      reader_clear (r);
      return FALSE;
    }
  if (r->in_len >= 2 && r->in[0] == 0x1f && r->in[1] == 0x8b)
    r->gunzip = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
  return TRUE;
}

static gboolean
all_zero (const guint8 *p, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (p[i] != 0)
      return FALSE;
  return TRUE;
}

static gboolean
reader_gunzip (IdxReader    *r,
               guint8       *buf,
               gsize         n,
               gsize        *got,
               GCancellable *cancellable,
               GError      **error)
{
  while (*got < n)
    {
      g_autoptr (GError) local = NULL;
      GConverterResult res;
      gsize n_read = 0, n_written = 0;

      if (r->finished)
        {
          /* Concatenated gzip members are one valid gzip stream (gunzip reads them all). */
          const guint8 *rest = r->in + r->in_pos;

          if (r->in_len - r->in_pos >= 2 && rest[0] == 0x1f && rest[1] == 0x8b)
            {
              g_converter_reset (r->gunzip);
              r->finished = FALSE;
            }
          else
            break;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      res = g_converter_convert (r->gunzip, r->in + r->in_pos, r->in_len - r->in_pos,
                                 buf + *got, MIN (n - *got, IDX_CHUNK), G_CONVERTER_INPUT_AT_END,
                                 &n_read, &n_written, &local);
      if (res == G_CONVERTER_ERROR)
        {
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
            g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                         _("%s: the gzip stream is truncated (it ends after %" PRIu64
                         " bytes of data); download the file again"),
                         r->path, r->out_pos + *got);
          else if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
            g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                         _("%s: corrupt gzip data (%s); download the file again"), r->path,
                         local->message);
          else
            g_set_error (error, OC_ERROR, OC_ERROR_IO, _("%s: decompression failed: %s"), r->path,
                         local->message);
          return FALSE;
        }
      r->in_pos += n_read;
      *got += n_written;
      if (res == G_CONVERTER_FINISHED)
        r->finished = TRUE;
    }
  return TRUE;
}

/* Reads up to @n data bytes into @buf; *@got < @n only at the end of the data. */
static gboolean
reader_read (IdxReader    *r,
             guint8       *buf,
             gsize         n,
             gsize        *got,
             GCancellable *cancellable,
             GError      **error)
{
  *got = 0;
  if (r->gunzip != NULL)
    {
      if (!reader_gunzip (r, buf, n, got, cancellable, error))
        return FALSE;
    }
  else
    {
      /* Copy in chunks too, so a huge raw file can be cancelled. */
      while (*got < n && r->in_pos < r->in_len)
        {
          gsize k = MIN (MIN (n - *got, r->in_len - r->in_pos), IDX_CHUNK);

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          memcpy (buf + *got, r->in + r->in_pos, k);
          r->in_pos += k;
          *got += k;
        }
    }
  r->out_pos += *got;
  return TRUE;
}

/* After the data the header declared: nothing may follow but an intact end of the gzip stream
 * (and zero padding after it, which some archivers add). */
static gboolean
reader_finish (IdxReader *r, GCancellable *cancellable, GError **error)
{
  guint8 extra[1];
  gsize got;
  guint64 declared = r->out_pos;

  if (r->gunzip == NULL && r->in_pos < r->in_len)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                   _("%s: %zu unexpected bytes after the data the header declares "
                   "(%" PRIu64 " bytes with the header); the file is corrupt or not an "
                   "IDX file"), r->path, r->in_len - r->in_pos, declared);
      return FALSE;
    }
  if (!reader_read (r, extra, 1, &got, cancellable, error))
    return FALSE;
  if (got > 0)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                   _("%s: unexpected data after the data the header declares (%" PRIu64
                   " bytes with the header); the file is corrupt or not an IDX file"),
                   r->path, declared);
      return FALSE;
    }
  if (r->gunzip != NULL && !all_zero (r->in + r->in_pos, r->in_len - r->in_pos))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                   _("%s: %zu bytes of garbage after the end of the gzip stream; "
                   "download the file again"), r->path, r->in_len - r->in_pos);
      return FALSE;
    }
  return TRUE;
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
set_bad_magic (GError **error, const char *path, guint rank, guint32 magic, gboolean gzipped)
{
  guint32 want = 0x00000800u | rank;
  const char *kind = rank == 3 ? "images" : "labels";
  const char *hint;
  g_autofree char *owned = NULL;

  if ((magic >> 16) == 0x1f8b)
    hint = gzipped ? "is the file gzipped twice? Decompress it once with gunzip"
                   : "is the file still gzipped?";
  else if (rank == 3 && magic == 0x00000801)
    hint = "this is a label file; are the image and label files swapped?";
  else if (rank == 1 && magic == 0x00000803)
    hint = "this is an image file; are the image and label files swapped?";
  else if ((magic & 0xffff0000u) == 0 && ((magic >> 8) & 0xff) != 0x08)
    hint = owned = g_strdup_printf ("the data type is 0x%02x, but only unsigned bytes (0x08) "
                                    "are supported", (magic >> 8) & 0xff);
  else if ((magic & 0xffffff00u) == 0x00000800u)
    hint = owned = g_strdup_printf ("the file has %u dimensions, but %s need %u", magic & 0xff,
                                    kind, rank);
  else if (gzipped)
    hint = "the file is gzip-compressed, but what it holds is not an MNIST-format IDX file";
  else
    hint = "this is not an MNIST-format IDX file";
  g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
               _("%s: expected magic 0x%08x (%s), found 0x%08x — %s"), path, want, kind, magic, hint);
}

/* What the header promises, for messages: "60000 images of 28×28 = 44.9 MiB". */
static char *
describe_declared (const guint32 *dims, guint rank, guint64 total)
{
  g_autofree char *size = g_format_size_full (total, G_FORMAT_SIZE_IEC_UNITS);

  if (rank == 3)
    return g_strdup_printf ("%" G_GUINT32_FORMAT " images of %" G_GUINT32_FORMAT "×%"
                            G_GUINT32_FORMAT " = %s", dims[0], dims[2], dims[1], size);
  return g_strdup_printf ("%" G_GUINT32_FORMAT " labels = %s", dims[0], size);
}

static guint8 *
set_truncated (GError **error, const IdxReader *r, const char *declared, const char *holds)
{
  g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
               _("%s: truncated: the header declares %s but %s; download it again"), r->path,
               declared, holds);
  return NULL;
}

static guint8 *
set_no_memory (GError **error, const IdxReader *r, guint64 n_bytes)
{
  g_autofree char *size = g_format_size_full (n_bytes, G_FORMAT_SIZE_IEC_UNITS);

  g_set_error (error, OC_ERROR, OC_ERROR_NO_MEMORY,
               _("%s: out of memory reading %s of data; close other programs or use a smaller "
               "dataset"), r->path, size);
  return NULL;
}

/* The @total data bytes after the header, which declared @dims. What the header declares is
 * checked against what the file can hold before memory is committed to it: a raw file against
 * its size; a gzip stream against deflate's best ratio, then by growing the buffer only as
 * decompressed data arrives, so a header that lies costs what the stream really holds. */
static guint8 *
read_data (IdxReader    *r,
           const guint32 *dims,
           guint         rank,
           guint64       total,
           GCancellable *cancellable,
           GError      **error)
{
  g_autofree char *declared = describe_declared (dims, rank, total);
  g_autofree guint8 *data = NULL;
  gsize have = 0, capacity;

  if (r->gunzip == NULL)
    {
      gsize got;

      if (total > r->in_len - r->in_pos)
        {
          g_autofree char *size = g_format_size_full (r->in_len, G_FORMAT_SIZE_IEC_UNITS);
          g_autofree char *holds = g_strdup_printf ("the file holds %s", size);

          return set_truncated (error, r, declared, holds);
        }
      data = g_try_malloc (total);
      if (data == NULL)
        return set_no_memory (error, r, total);
      /* The mapping holds all of it (checked above), so the read is complete. */
      if (!reader_read (r, data, total, &got, cancellable, error))
        return NULL;
      return g_steal_pointer (&data);
    }

  if (total / IDX_DEFLATE_MAX_RATIO >= r->in_len)
    {
      g_autofree char *size = g_format_size_full (r->in_len, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *most = g_format_size_full ((guint64) r->in_len * IDX_DEFLATE_MAX_RATIO,
                                                  G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *holds = g_strdup_printf ("the gzip file (%s) can hold at most %s", size,
                                                most);

      return set_truncated (error, r, declared, holds);
    }
  capacity = (gsize) MIN (total, 4 * IDX_CHUNK);
  data = g_try_malloc (capacity);
  if (data == NULL)
    return set_no_memory (error, r, capacity);
  for (;;)
    {
      gsize want = capacity - have, got;

      if (!reader_read (r, data + have, want, &got, cancellable, error))
        return NULL;
      have += got;
      if (have == total)
        return g_steal_pointer (&data);
      if (got < want)
        {
          g_autofree char *size = g_format_size_full (have, G_FORMAT_SIZE_IEC_UNITS);
          g_autofree char *holds = g_strdup_printf ("the gzip stream ends after %s of data",
                                                    size);

          return set_truncated (error, r, declared, holds);
        }
      {
        gsize grown = (gsize) MIN (total, (guint64) capacity * 2);
        guint8 *bigger = g_try_realloc (data, grown);

        if (bigger == NULL)
          return set_no_memory (error, r, grown);
        data = bigger;
        capacity = grown;
      }
    }
}

gboolean
oc_idx_read (const char   *path,
             guint         rank,
             OcIdxArray   *out,
             GCancellable *cancellable,
             GError      **error)
{
  IdxReader r;
  guint8 head[4 + 4 * 3];
  gsize got;
  guint32 magic;
  guint64 total = 1;
  g_autofree guint8 *data = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (rank == 1 || rank == 3, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!reader_open (&r, path, error))
    return FALSE;

  if (!reader_read (&r, head, 4, &got, cancellable, error))
    goto out;
  if (got < 4)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                   _("%s: the file ends after %zu bytes, inside the 4-byte magic "
                   "number; download it again"), path, got);
      goto out;
    }
  magic = read_be32 (head);
  if (magic != (0x00000800u | rank))
    {
      set_bad_magic (error, path, rank, magic, r.gunzip != NULL);
      goto out;
    }

  if (!reader_read (&r, head + 4, 4 * rank, &got, cancellable, error))
    goto out;
  if (got < 4 * rank)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                   _("%s: the file ends inside the header (%u dimensions need %u bytes); download "
                   "it again"), path, rank, 4 + 4 * rank);
      goto out;
    }
  for (guint i = 0; i < rank; i++)
    {
      guint32 d = read_be32 (head + 4 + 4 * i);

      if (i == 0 && d == 0)
        {
          g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                       _("%s: the header says the file holds 0 %s; download it again"), path,
                       rank == 3 ? "images" : "labels");
          goto out;
        }
      if (i > 0 && (d == 0 || d > OC_IDX_MAX_SIDE))
        {
          g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                       _("%s: image dimension %u is %u, outside 1..%d; the "
                       "header is corrupt"), path, i, d, OC_IDX_MAX_SIDE);
          goto out;
        }
      out->dims[i] = d;
      if (!g_uint64_checked_mul (&total, total, d))
        {
          g_set_error (error, OC_ERROR, OC_ERROR_TOO_LARGE,
                       _("%s: the header's dimensions multiply to more than 2^64 bytes; the header "
                       "is corrupt"), path);
          goto out;
        }
    }
  if (total > OC_IDX_MAX_BYTES)
    {
      g_autofree char *size = g_format_size_full (total, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *cap = g_format_size_full (OC_IDX_MAX_BYTES, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, OC_ERROR, OC_ERROR_TOO_LARGE,
                   _("%s: the header declares %s of data, more than the %s limit; the header is "
                   "corrupt or the dataset is too large for Occam"), path, size, cap);
      goto out;
    }

  data = read_data (&r, out->dims, rank, total, cancellable, error);
  if (data == NULL)
    goto out;
  if (!reader_finish (&r, cancellable, error))
    goto out;

  out->rank = rank;
  out->n_bytes = total;
  out->data = g_steal_pointer (&data);
  ok = TRUE;

out:
  reader_clear (&r);
  return ok;
}

void
oc_idx_array_clear (OcIdxArray *array)
{
  g_clear_pointer (&array->data, g_free);
  memset (array, 0, sizeof *array);
}

char *
oc_idx_find (const char *dir, const char *stem, const char *kind, const char *hint, GError **error)
{
  g_autofree char *dash = g_strdup_printf ("%s-%s", stem, kind);
  g_autofree char *dot = g_strdup_printf ("%s.%s", stem, kind);
  g_autofree char *primary = g_build_filename (dir, dash, NULL);
  const char *names[4] = { dash, NULL, dot, NULL };
  g_autofree char *dash_gz = g_strconcat (dash, ".gz", NULL);
  g_autofree char *dot_gz = g_strconcat (dot, ".gz", NULL);

  names[1] = dash_gz;
  names[3] = dot_gz;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }
  g_set_error (error, OC_ERROR, OC_ERROR_NOT_FOUND,
               _("%s: not found (also looked for %s, %s and %s)%s%s"), primary, dash_gz, dot, dot_gz,
               hint != NULL ? "; " : "", hint != NULL ? hint : "");
  return NULL;
}

/* Fashion-MNIST's classes in label order (Xiao, Rasul & Vollgraf, 2017). */
static const char *const fashion_classes[] = {
  "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
  "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot", NULL,
};

typedef struct
{
  char       *images_path;
  char       *labels_path;
  OcIdxArray  images;
  OcIdxArray  labels;
} IdxPart;

static void
idx_part_clear (IdxPart *p)
{
  g_clear_pointer (&p->images_path, g_free);
  g_clear_pointer (&p->labels_path, g_free);
  oc_idx_array_clear (&p->images);
  oc_idx_array_clear (&p->labels);
}

static gboolean
idx_part_load (IdxPart      *p,
               gboolean      fashion,
               guint        *max_label,
               GCancellable *cancellable,
               GError      **error)
{
  g_autofree char *images_name = g_path_get_basename (p->images_path);

  if (!oc_idx_read (p->images_path, 3, &p->images, cancellable, error))
    return FALSE;
  if (!oc_idx_read (p->labels_path, 1, &p->labels, cancellable, error))
    return FALSE;
  if (p->labels.dims[0] != p->images.dims[0])
    {
      g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                   _("%s: %u labels, but %s holds %u images; both files must come from the same download"), p->labels_path,
                   p->labels.dims[0], images_name, p->images.dims[0]);
      return FALSE;
    }
  for (gsize i = 0; i < p->labels.n_bytes; i++)
    {
      guint v = p->labels.data[i];

      if (fashion && v >= 10)
        {
          g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                       _("%s: label %u at position %zu is out of range; "
                       "Fashion-MNIST labels are 0..9"), p->labels_path, v, i);
          return FALSE;
        }
      *max_label = MAX (*max_label, v);
    }
  return TRUE;
}

static gboolean
idx_part_to_split (IdxPart *p, OcSplit *split, const char *what, GError **error)
{
  const guint8 *px = p->images.data;
  guint dim = p->images.dims[1] * p->images.dims[2];
  float lut[256];

  if (!oc_split_alloc (split, p->images.dims[0], dim, 1, what, error))
    {
      g_prefix_error (error, _("%s: "), p->images_path);
      return FALSE;
    }
  for (guint v = 0; v < 256; v++)
    lut[v] = oc_code_input ((guint8) v);
  for (gsize i = 0; i < p->images.n_bytes; i++)
    split->x[i] = lut[px[i]];
  /* The pixels as they are too, for training's minibatches (OcSplit). */
  if (oc_split_alloc_codes (split, dim))
    memcpy (split->x8, px, p->images.n_bytes);
  for (guint i = 0; i < split->n; i++)
    split->y[i] = p->labels.data[i];
  return TRUE;
}

gboolean
oc_idx_load (OcDataset    *ds,
             const char   *dir,
             gboolean      fashion,
             gboolean      default_dir,
             GCancellable *cancellable,
             GError      **error)
{
  const char *hint = default_dir
    ? "install Fashion-MNIST with `sudo apt-get install dataset-fashion-mnist` or pass --data-dir"
    : "the folder needs the four MNIST-format files (train-images, train-labels, t10k-images, "
      "t10k-labels)";
  IdxPart train = { 0 }, test = { 0 };
  guint max_label = 0;
  gboolean ok = FALSE;

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_NOT_FOUND, _("%s: %s; %s"), dir,
                   g_file_test (dir, G_FILE_TEST_EXISTS) ? "not a folder" : "folder not found",
                   default_dir ? hint : "pass --data-dir with a folder of MNIST-format IDX files");
      return FALSE;
    }
  if ((train.images_path = oc_idx_find (dir, "train-images", "idx3-ubyte", hint, error)) == NULL
      || (train.labels_path = oc_idx_find (dir, "train-labels", "idx1-ubyte", hint, error)) == NULL
      || (test.images_path = oc_idx_find (dir, "t10k-images", "idx3-ubyte", hint, error)) == NULL
      || (test.labels_path = oc_idx_find (dir, "t10k-labels", "idx1-ubyte", hint, error)) == NULL)
    goto out;

  if (!idx_part_load (&train, fashion, &max_label, cancellable, error)
      || !idx_part_load (&test, fashion, &max_label, cancellable, error))
    goto out;
  if (test.images.dims[1] != train.images.dims[1] || test.images.dims[2] != train.images.dims[2])
    {
      g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                   _("%s: images are %u×%u pixels, but the "
                   "training images are %u×%u; both must "
                   "come from the same dataset"), test.images_path, test.images.dims[2],
                   test.images.dims[1], train.images.dims[2], train.images.dims[1]);
      goto out;
    }

  if (!idx_part_to_split (&train, &ds->train, "the training images", error))
    goto out;
  oc_idx_array_clear (&train.images);
  if (!idx_part_to_split (&test, &ds->test, "the test images", error))
    goto out;

  ds->source = g_strdup (dir);
  ds->image_height = test.images.dims[1];
  ds->image_width = test.images.dims[2];
  ds->dim = ds->image_width * ds->image_height;
  ds->n_groups = 1;
  if (fashion)
    {
      ds->n_classes = 10;
      ds->class_names = g_strdupv ((char **) fashion_classes);
    }
  else
    {
      ds->n_classes = MAX (max_label + 1, 2);
      ds->class_names = oc_class_names_numbered (ds->n_classes);
    }
  ok = TRUE;

out:
  idx_part_clear (&train);
  idx_part_clear (&test);
  return ok;
}
