/* test-sweep.c — the scheduler runs every point once, in parallel as in sequence, survives cancel
 * and resume, and records a diverged point without stopping.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "occam/oc-axis.h"
#include "occam/oc-error.h"
#include "occam/oc-sweep.h"

typedef struct
{
  GMutex        lock;
  guint         n_points;
  guint        *runs;        /* per point: times finished */
  double       *final_loss;  /* per point */
  OcPointStatus *status;
  gboolean     *done;        /* for resume */
  guint         finished;
  guint         cancel_after;
  GCancellable *cancellable;
  guint         progress_calls;
} Record;

static gboolean
rec_is_done (const OcSweepPoint *p, gpointer user_data)
{
  Record *r = user_data;

  return r->done != NULL && r->done[p->index];
}

static void
rec_progress (const OcSweepPoint *p, const OcProgress *progress, gpointer user_data)
{
  Record *r = user_data;

  g_mutex_lock (&r->lock);
  r->progress_calls++;
  g_mutex_unlock (&r->lock);
}

static gboolean
rec_finished (const OcPointOutcome *o, gpointer user_data, GError **error)
{
  Record *r = user_data;

  g_mutex_lock (&r->lock);
  r->runs[o->point->index]++;
  r->status[o->point->index] = o->status;
  r->final_loss[o->point->index] = o->result != NULL ? o->result->final.train_loss : NAN;
  r->finished++;
  if (r->cancel_after > 0 && r->finished >= r->cancel_after)
    g_cancellable_cancel (r->cancellable);
  g_mutex_unlock (&r->lock);
  return TRUE;
}

static void
record_init (Record *r, guint n)
{
  memset (r, 0, sizeof *r);
  g_mutex_init (&r->lock);
  r->n_points = n;
  r->runs = g_new0 (guint, n);
  r->final_loss = g_new0 (double, n);
  r->status = g_new0 (OcPointStatus, n);
}

static void
record_clear (Record *r)
{
  g_free (r->runs);
  g_free (r->final_loss);
  g_free (r->status);
  g_mutex_clear (&r->lock);
}

typedef struct
{
  OcDataOptions data;
  OcTrainConfig train;
  GArray       *widths, *seeds, *n_trains;
  OcSweepConfig sweep;
} Fixture;

static void
fixture_init (Fixture *f, const char *widths)
{
  static const guint hidden[] = { 8 };

  oc_data_options_init (&f->data);
  f->data.name = "spiral";
  f->data.n_points = 400;
  oc_train_config_init (&f->train);
  f->train.hidden = hidden;
  f->train.n_hidden = 1;
  f->train.epochs = 4;
  f->train.batch = 32;
  f->widths = oc_axis_parse_uint (widths, 1, 100000, "widths", NULL);
  f->seeds = oc_axis_parse_uint ("0,1", 0, 100, "seeds", NULL);
  f->n_trains = oc_axis_parse_uint ("100,320", 1, 100000, "n", NULL);
  memset (&f->sweep, 0, sizeof f->sweep);
  f->sweep.data = &f->data;
  f->sweep.train = &f->train;
  f->sweep.widths = f->widths;
  f->sweep.seeds = f->seeds;
  f->sweep.n_trains = f->n_trains;
}

static void
fixture_clear (Fixture *f)
{
  g_array_unref (f->widths);
  g_array_unref (f->seeds);
  g_array_unref (f->n_trains);
}

static void
test_sweep_points (void)
{
  Fixture f;
  g_autoptr (GArray) pts = NULL;
  const OcSweepPoint *p;

  fixture_init (&f, "2,4,8");
  pts = oc_sweep_points (&f.sweep);
  g_assert_cmpuint (pts->len, ==, 3 * 2 * 2);
  /* Width outermost, then n_train, then seed. */
  p = &g_array_index (pts, OcSweepPoint, 5);
  g_assert_cmpuint (p->index, ==, 5);
  g_assert_cmpuint (p->width, ==, 4);
  g_assert_cmpint (p->n_train, ==, 100);
  g_assert_cmpuint (p->seed, ==, 1);
  fixture_clear (&f);
}

static void
run_all (guint workers, double *losses)
{
  Fixture f;
  Record r;
  OcSweepCallbacks cb = { rec_is_done, rec_progress, rec_finished, &r };
  g_autoptr (GError) error = NULL;

  fixture_init (&f, "2,4,8,16");
  f.sweep.workers = workers;
  /* Evaluate every epoch: 4 epochs give 5 evaluations per point, each reported. */
  f.sweep.record_every_epochs = 1;
  record_init (&r, 16);
  g_assert_true (oc_sweep_run (&f.sweep, &cb, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 16; i++)
    {
      g_assert_cmpuint (r.runs[i], ==, 1);
      g_assert_cmpint (r.status[i], ==, OC_POINT_FINISHED);
      losses[i] = r.final_loss[i];
    }
  g_assert_cmpuint (r.progress_calls, >=, 16 * 5);
  record_clear (&r);
  fixture_clear (&f);
}

static void
test_sweep_parallel_equals_sequential (void)
{
  double seq[16], par[16];

  run_all (1, seq);
  run_all (2, par);
  /* Each point owns its model and BLAS runs single-threaded in both plans: same bits. */
  for (guint i = 0; i < 16; i++)
    g_assert_cmpfloat (seq[i], ==, par[i]);
}

static void
test_sweep_cancel_and_resume (void)
{
  Fixture f;
  Record r;
  OcSweepCallbacks cb = { rec_is_done, NULL, rec_finished, &r };
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  guint first;

  fixture_init (&f, "2,4,8,16");
  f.sweep.workers = 2;
  record_init (&r, 16);
  r.cancellable = cancellable;
  r.cancel_after = 5;
  g_assert_false (oc_sweep_run (&f.sweep, &cb, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  first = r.finished;
  /* Both workers may finish the point they were on, nothing more. */
  g_assert_cmpuint (first, >=, 5);
  g_assert_cmpuint (first, <=, 6);

  /* Resume: only the missing points run. */
  g_clear_error (&error);
  r.done = g_new0 (gboolean, 16);
  for (guint i = 0; i < 16; i++)
    r.done[i] = r.runs[i] > 0;
  r.cancel_after = 0;
  g_assert_true (oc_sweep_run (&f.sweep, &cb, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 16; i++)
    g_assert_cmpuint (r.runs[i], ==, 1);
  g_assert_cmpuint (r.finished, ==, 16);
  g_free (r.done);
  record_clear (&r);
  fixture_clear (&f);
}

static void
test_sweep_diverged_point (void)
{
  Fixture f;
  Record r;
  OcSweepCallbacks cb = { NULL, NULL, rec_finished, &r };
  g_autoptr (GError) error = NULL;
  guint n_div = 0, n_ok = 0;

  /* Plain SGD at lr 0.5 on squared error: the 2048-wide net blows up, the 2-wide one does not. */
  fixture_init (&f, "2,2048");
  f.data.name = "xor";
  f.train.optim.kind = OC_OPTIM_SGD;
  f.train.optim.lr = 0.5;
  f.train.loss = OC_LOSS_MSE;
  f.train.batch = 128;
  f.train.epochs = 5;
  f.data.n_points = 1000;
  g_array_set_size (f.n_trains, 1);
  g_array_index (f.n_trains, guint64, 0) = 800;
  record_init (&r, 4);
  g_assert_true (oc_sweep_run (&f.sweep, &cb, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpuint (r.runs[i], ==, 1);
      n_div += r.status[i] == OC_POINT_DIVERGED;
      n_ok += r.status[i] == OC_POINT_FINISHED;
      if (r.status[i] == OC_POINT_DIVERGED)
        g_assert_true (isnan (r.final_loss[i]));
    }
  g_assert_cmpuint (n_div, ==, 2);
  g_assert_cmpuint (n_ok, ==, 2);
  record_clear (&r);
  fixture_clear (&f);
}

static void
test_sweep_plan (void)
{
  OcSweepConfig cfg = { 0 };
  guint w, b;

  oc_sweep_plan (&cfg, 21, 2, &w, &b);
  g_assert_cmpuint (w, ==, 2);
  g_assert_cmpuint (b, ==, 1);
  oc_sweep_plan (&cfg, 1, 2, &w, &b);
  g_assert_cmpuint (w, ==, 1);
  g_assert_cmpuint (b, ==, 2);
  cfg.workers = 1;
  oc_sweep_plan (&cfg, 21, 4, &w, &b);
  g_assert_cmpuint (w, ==, 1);
  g_assert_cmpuint (b, ==, 4);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sweep/points", test_sweep_points);
  g_test_add_func ("/sweep/plan", test_sweep_plan);
  g_test_add_func ("/sweep/parallel-equals-sequential", test_sweep_parallel_equals_sequential);
  g_test_add_func ("/sweep/cancel-and-resume", test_sweep_cancel_and_resume);
  g_test_add_func ("/sweep/diverged-point", test_sweep_diverged_point);
  return g_test_run ();
}
