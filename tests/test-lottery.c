/* test-lottery.c — the lottery-ticket driver: densities per level, exact rewinding, controls at
 * IMP's densities, no regrowth, resume after cancel, late resetting, one-shot, pruning at init.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-lottery.h"
#include "occam/oc-prune-record.h"

#define MAX_LEVELS 8

typedef struct
{
  gboolean seen;
  guint    times;
  double   density;
  double   layer_density[4];
  double   final_loss;
  guint    threads;
  float   *start;
  float   *mask;
  float   *next_mask;
  float   *theta;
} Entry;

typedef struct
{
  GMutex        lock;
  Entry         e[OC_N_CONTROLS][MAX_LEVELS];
  gsize         n_params;
  guint         n_layers;
  guint         reported;
  guint         cancel_after;
  GCancellable *cancellable;
  gboolean      use_lookup;
} Rec;

static void
rec_clear (Rec *r)
{
  for (guint c = 0; c < OC_N_CONTROLS; c++)
    for (guint l = 0; l < MAX_LEVELS; l++)
      {
        g_free (r->e[c][l].start);
        g_free (r->e[c][l].mask);
        g_free (r->e[c][l].next_mask);
        g_free (r->e[c][l].theta);
      }
  g_mutex_clear (&r->lock);
}

static gboolean
rec_lookup (OcControl c, guint64 seed, guint level, float *next_mask, float *theta, gsize n,
            gpointer user_data)
{
  Rec *r = user_data;
  gboolean found;

  g_mutex_lock (&r->lock);
  found = r->use_lookup && r->e[c][level].seen;
  if (found && next_mask != NULL && r->e[c][level].next_mask != NULL)
    memcpy (next_mask, r->e[c][level].next_mask, sizeof (float) * n);
  if (found && theta != NULL)
    memcpy (theta, r->e[c][level].theta, sizeof (float) * n);
  g_mutex_unlock (&r->lock);
  return found;
}

static gboolean
rec_finished (const OcLevelOutcome *o, gpointer user_data, GError **error)
{
  Rec *r = user_data;
  Entry *e;

  g_mutex_lock (&r->lock);
  g_assert_cmpuint (o->level, <, MAX_LEVELS);
  e = &r->e[o->control][o->level];
  e->seen = TRUE;
  e->times++;
  e->density = o->density;
  r->n_params = o->model->n_params;
  r->n_layers = o->model->n_layers;
  for (guint l = 0; l < o->model->n_layers; l++)
    e->layer_density[l] = o->layer_density[l];
  e->final_loss = o->result != NULL ? o->result->final.train_loss : NAN;
  e->threads = o->result != NULL ? o->result->threads : 0;
  g_free (e->start);
  g_free (e->mask);
  g_free (e->next_mask);
  g_free (e->theta);
  e->start = g_memdup2 (o->start, sizeof (float) * o->model->n_params);
  e->mask = g_memdup2 (o->model->mask, sizeof (float) * o->model->n_params);
  e->next_mask = o->next_mask != NULL ? g_memdup2 (o->next_mask, sizeof (float) * o->model->n_params)
                                      : NULL;
  e->theta = g_memdup2 (o->model->params, sizeof (float) * o->model->n_params);
  /* Pruned weights are exactly zero after training. */
  for (gsize i = 0; i < o->model->n_params; i++)
    if (o->model->mask[i] == 0.0f)
      g_assert_cmpfloat (o->model->params[i], ==, 0.0f);
  r->reported++;
  if (r->cancel_after > 0 && r->reported >= r->cancel_after)
    g_cancellable_cancel (r->cancellable);
  g_mutex_unlock (&r->lock);
  return TRUE;
}

typedef struct
{
  OcDataOptions   data;
  OcTrainConfig   train;
  OcLotteryConfig lot;
  Rec             rec;
  OcLotteryCallbacks cb;
} Fx;

static void
fx_init (Fx *f, guint levels, guint controls)
{
  static const guint hidden[] = { 32, 32 };

  memset (f, 0, sizeof *f);
  oc_data_options_init (&f->data);
  f->data.name = "blobs";
  f->data.n_points = 500;
  oc_train_config_init (&f->train);
  f->train.hidden = hidden;
  f->train.n_hidden = 2;
  f->train.iterations = 60;
  f->train.batch = 32;
  f->train.eval_every = 20;
  f->train.seed = 3;
  oc_lottery_config_init (&f->lot);
  f->lot.data = &f->data;
  f->lot.train = &f->train;
  f->lot.levels = levels;
  f->lot.controls = controls;
  f->lot.workers = 2;
  g_mutex_init (&f->rec.lock);
  f->cb.lookup = rec_lookup;
  f->cb.level_finished = rec_finished;
  f->cb.user_data = &f->rec;
}

static void
test_lottery_levels_and_rewind (void)
{
  Fx f;
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) ds = NULL;
  g_autoptr (OcMlp) base = NULL;

  fx_init (&f, 4, 1u << OC_CONTROL_IMP);
  g_assert_true (oc_lottery_run (&f.lot, &f.cb, NULL, &error));
  g_assert_no_error (error);
  ds = oc_dataset_load (&f.data, NULL, NULL);
  base = oc_train_build_model (&f.train, ds, NULL);
  for (guint l = 0; l <= 4; l++)
    {
      Entry *e = &f.rec.e[OC_CONTROL_IMP][l];

      g_assert_true (e->seen);
      g_assert_cmpuint (e->times, ==, 1);
      /* 2-32-32-4: hidden layers lose 20 % of what remains, the output layer 10 %. */
      g_assert_cmpfloat (fabs (e->layer_density[1] - pow (0.8, l)), <, 0.01);
      g_assert_cmpfloat (fabs (e->layer_density[2] - pow (0.9, l)), <, 0.03);
      /* Rewinding: every level starts from θ₀ on its survivors, exactly. */
      for (gsize i = 0; i < f.rec.n_params; i++)
        g_assert_cmpfloat (e->start[i], ==, e->mask[i] != 0.0f ? base->params[i] : 0.0f);
      /* The mask of level l+1 is contained in that of level l. */
      if (l > 0)
        for (gsize i = 0; i < f.rec.n_params; i++)
          g_assert_true (e->mask[i] <= f.rec.e[OC_CONTROL_IMP][l - 1].mask[i]);
    }
  g_assert_false (f.rec.e[OC_CONTROL_IMP][5].seen);
  rec_clear (&f.rec);
}

static void
test_lottery_controls (void)
{
  Fx f;
  g_autoptr (GError) error = NULL;

  fx_init (&f, 3, (1u << OC_CONTROL_IMP) | (1u << OC_CONTROL_REINIT) | (1u << OC_CONTROL_RANDOM)
                    | (1u << OC_CONTROL_SNIP) | (1u << OC_CONTROL_SYNFLOW)
                    | (1u << OC_CONTROL_RANDOM_INIT));
  g_assert_true (oc_lottery_run (&f.lot, &f.cb, NULL, &error));
  g_assert_no_error (error);
  for (guint c = 0; c <= OC_CONTROL_RANDOM_INIT; c++)
    for (guint l = 0; l <= 3; l++)
      {
        Entry *e = &f.rec.e[c][l], *imp = &f.rec.e[OC_CONTROL_IMP][l];

        g_assert_true (e->seen);
        g_assert_cmpuint (e->times, ==, 1);
        /* Every control at IMP's total density; reinit and random at its layer densities. */
        g_assert_cmpfloat (fabs (e->density - imp->density), <, 1e-3);
        if (c == OC_CONTROL_REINIT || c == OC_CONTROL_RANDOM)
          for (guint k = 0; k < f.rec.n_layers; k++)
            g_assert_cmpfloat (e->layer_density[k], ==, imp->layer_density[k]);
        if (l == 0)
          g_assert_cmpfloat (e->final_loss, ==, imp->final_loss);
      }
  /* reinit: IMP's mask, other values; random: another mask, θ₀ values on it. */
  {
    Entry *imp = &f.rec.e[OC_CONTROL_IMP][2], *re = &f.rec.e[OC_CONTROL_REINIT][2];
    Entry *ra = &f.rec.e[OC_CONTROL_RANDOM][2];
    gsize same_mask = 0, same_value = 0, differ_mask = 0;

    for (gsize i = 0; i < f.rec.n_params; i++)
      {
        same_mask += re->mask[i] == imp->mask[i];
        same_value += imp->mask[i] != 0 && imp->start[i] != 0 && re->start[i] == imp->start[i];
        differ_mask += ra->mask[i] != imp->mask[i];
      }
    g_assert_cmpuint (same_mask, ==, f.rec.n_params);
    g_assert_cmpuint (same_value, <, 10);
    g_assert_cmpuint (differ_mask, >, 100);
  }
  rec_clear (&f.rec);
}

static void
test_lottery_resume (void)
{
  Fx full, part;
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  guint controls = (1u << OC_CONTROL_IMP) | (1u << OC_CONTROL_RANDOM);

  fx_init (&full, 4, controls);
  g_assert_true (oc_lottery_run (&full.lot, &full.cb, NULL, NULL));

  fx_init (&part, 4, controls);
  part.rec.cancellable = cancellable;
  part.rec.cancel_after = 4;
  g_assert_false (oc_lottery_run (&part.lot, &part.cb, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (part.rec.reported, <, 10);

  /* Resume: only the missing levels train; the chain continues from the recorded mask. */
  g_clear_error (&error);
  part.rec.use_lookup = TRUE;
  part.rec.cancel_after = 0;
  g_assert_true (oc_lottery_run (&part.lot, &part.cb, NULL, &error));
  g_assert_no_error (error);
  for (guint c = 0; c <= OC_CONTROL_RANDOM; c += OC_CONTROL_RANDOM)
    for (guint l = 0; l <= 4; l++)
      {
        g_assert_cmpuint (part.rec.e[c][l].times, ==, 1);
        /* The same numbers as an uninterrupted run. */
        g_assert_cmpfloat (part.rec.e[c][l].final_loss, ==, full.rec.e[c][l].final_loss);
      }
  rec_clear (&full.rec);
  rec_clear (&part.rec);
}

static void
test_lottery_late_rewind_and_one_shot (void)
{
  Fx f, g;
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) ds = NULL;
  g_autoptr (OcMlp) k = NULL;
  g_autoptr (OcTrainResult) r = NULL;
  OcTrainConfig tk;

  fx_init (&f, 2, 1u << OC_CONTROL_IMP);
  f.lot.rewind = OC_REWIND_ITER;
  f.lot.rewind_iteration = 10;
  g_assert_true (oc_lottery_run (&f.lot, &f.cb, NULL, &error));
  g_assert_no_error (error);
  /* θ_k is the dense network after exactly 10 steps. */
  ds = oc_dataset_load (&f.data, NULL, NULL);
  tk = f.train;
  tk.iterations = 10;
  tk.threads = 1;
  k = oc_train_build_model (&tk, ds, NULL);
  r = oc_train_run (&tk, ds, k, NULL, NULL, NULL, NULL, NULL);
  for (gsize i = 0; i < f.rec.n_params; i++)
    g_assert_cmpfloat (f.rec.e[OC_CONTROL_IMP][2].start[i], ==,
                       f.rec.e[OC_CONTROL_IMP][2].mask[i] != 0.0f ? k->params[i] : 0.0f);
  rec_clear (&f.rec);

  fx_init (&g, 20, 1u << OC_CONTROL_IMP);
  g.lot.one_shot = 0.1;
  g_assert_true (oc_lottery_run (&g.lot, &g.cb, NULL, &error));
  g_assert_true (g.rec.e[OC_CONTROL_IMP][1].seen);
  g_assert_false (g.rec.e[OC_CONTROL_IMP][2].seen);
  g_assert_cmpfloat (fabs (g.rec.e[OC_CONTROL_IMP][1].density - 0.1), <, 0.01);
  rec_clear (&g.rec);
}

/* Global pruning that keeps the output layer dense: the pruning-at-init controls still reach
 * IMP's total density, and leave the output layer alone too. */
static void
test_lottery_controls_output_kept (void)
{
  Fx f;
  g_autoptr (GError) error = NULL;

  fx_init (&f, 3, (1u << OC_CONTROL_IMP) | (1u << OC_CONTROL_SNIP) | (1u << OC_CONTROL_SYNFLOW)
                    | (1u << OC_CONTROL_RANDOM_INIT));
  f.lot.rates.scope = OC_PRUNE_SCOPE_GLOBAL;
  f.lot.rates.prune_output = FALSE;
  g_assert_true (oc_lottery_run (&f.lot, &f.cb, NULL, &error));
  g_assert_no_error (error);
  for (guint c = 0; c <= OC_CONTROL_RANDOM_INIT; c++)
    for (guint l = 0; l <= 3; l++)
      {
        Entry *e = &f.rec.e[c][l], *imp = &f.rec.e[OC_CONTROL_IMP][l];

        if (c == OC_CONTROL_REINIT || c == OC_CONTROL_RANDOM)
          continue;
        g_assert_true (e->seen);
        g_assert_cmpfloat (fabs (e->density - imp->density), <, 1e-3);
        g_assert_cmpfloat (e->layer_density[f.rec.n_layers - 1], ==, 1.0);
      }
  rec_clear (&f.rec);
}

/* Level 0 of a control is the dense run: its θ_T, not θ₀. */
static void
test_lottery_dense_control (void)
{
  Fx f;
  g_autoptr (GError) error = NULL;

  fx_init (&f, 1, (1u << OC_CONTROL_IMP) | (1u << OC_CONTROL_REINIT));
  g_assert_true (oc_lottery_run (&f.lot, &f.cb, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (f.rec.e[OC_CONTROL_REINIT][0].seen);
  g_assert_cmpmem (f.rec.e[OC_CONTROL_REINIT][0].theta, sizeof (float) * f.rec.n_params,
                   f.rec.e[OC_CONTROL_IMP][0].theta, sizeof (float) * f.rec.n_params);
  g_assert_cmpmem (f.rec.e[OC_CONTROL_REINIT][0].start, sizeof (float) * f.rec.n_params,
                   f.rec.e[OC_CONTROL_IMP][0].start, sizeof (float) * f.rec.n_params);
  rec_clear (&f.rec);
}

/* A worker that finds nothing to do while another is still reporting the dense level must wait
 * for that worker's follow-up levels instead of ending the run. The first dense report of a
 * control blocks until the other seed's whole chain is done, so one worker idles exactly then. */
typedef struct
{
  Rec     *rec;
  GMutex   lock;
  GCond    cond;
  gboolean blocking;
  guint64  blocked_seed;
  guint    other_done;
} Stall;

static gboolean
stall_finished (const OcLevelOutcome *o, gpointer user_data, GError **error)
{
  Stall *st = user_data;
  gboolean block = FALSE;

  g_mutex_lock (&st->lock);
  if (o->control == OC_CONTROL_REINIT && o->level == 0 && !st->blocking)
    {
      st->blocking = block = TRUE;
      st->blocked_seed = o->seed;
    }
  else if (st->blocking && o->seed != st->blocked_seed && o->level == 1)
    {
      st->other_done++;
      g_cond_broadcast (&st->cond);
    }
  if (block)
    {
      gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

      /* Both level-1 trainings of the other seed (imp, reinit). */
      while (st->other_done < 2)
        if (!g_cond_wait_until (&st->cond, &st->lock, end))
          break;
    }
  g_mutex_unlock (&st->lock);
  return rec_finished (o, st->rec, error);
}

static void
test_lottery_no_lost_levels (void)
{
  Fx f;
  Stall st = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) seeds = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint64 seed_values[2] = { 1, 2 };
  guint seen = 0;

  fx_init (&f, 1, (1u << OC_CONTROL_IMP) | (1u << OC_CONTROL_REINIT));
  g_array_append_vals (seeds, seed_values, 2);
  f.lot.seeds = seeds;
  st.rec = &f.rec;
  g_mutex_init (&st.lock);
  g_cond_init (&st.cond);
  f.cb.level_finished = stall_finished;
  f.cb.user_data = &st;
  f.cb.lookup = NULL;
  g_assert_true (oc_lottery_run (&f.lot, &f.cb, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (st.blocking);
  /* 2 seeds × 2 controls × 2 levels, every one reported. */
  g_assert_cmpuint (f.rec.reported, ==, 8);
  for (guint c = 0; c <= OC_CONTROL_REINIT; c++)
    for (guint l = 0; l <= 1; l++)
      seen += f.rec.e[c][l].times;
  g_assert_cmpuint (seen, ==, 8);
  g_mutex_clear (&st.lock);
  g_cond_clear (&st.cond);
  rec_clear (&f.rec);
}

/* The training's threads cap the cores of the whole run. A lone IMP chain would otherwise get
 * every core (its steps are big enough to split); with threads = 1 each step runs on one. */
static void
test_lottery_threads (void)
{
  static const guint wide[] = { 256, 256 };
  Fx f;
  g_autoptr (GError) error = NULL;

  fx_init (&f, 1, 1u << OC_CONTROL_IMP);
  f.train.hidden = wide;
  f.train.batch = 256;
  f.train.threads = 1;
  f.lot.workers = 0;
  g_assert_true (oc_lottery_run (&f.lot, &f.cb, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f.rec.e[OC_CONTROL_IMP][0].threads, ==, 1);
  g_assert_cmpuint (f.rec.e[OC_CONTROL_IMP][1].threads, ==, 1);
  rec_clear (&f.rec);
}

static void
test_lottery_bad_config (void)
{
  Fx f;
  g_autoptr (GError) error = NULL;

  fx_init (&f, 2, 1u << OC_CONTROL_IMP);
  f.lot.rewind = OC_REWIND_ITER;
  f.lot.rewind_iteration = 1000;
  g_assert_false (oc_lottery_run (&f.lot, &f.cb, NULL, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "iter:1000"));
  rec_clear (&f.rec);
}

/* A stored level of a 2-4-2 network (8 + 8 weights) with @alive surviving weights in each layer
 * and test accuracy @accuracy at early stop; NaN accuracy: the level diverged. */
static OcPruneRow *
row_new (OcControl control, guint64 seed, guint level, gint32 alive, double accuracy)
{
  g_autofree char *key = oc_lottery_point_key (control, seed, level);
  OcStorePoint *p = oc_store_point_new ("e", key);
  gsize shape[1] = { 2 };
  g_autoptr (OcNpyArray) a = oc_npy_array_new (OC_NPY_INT32, 1, shape, NULL);
  OcPruneRow *row;

  p->architecture = g_strdup ("2-4-2");
  p->status = isnan (accuracy) ? OC_STATUS_FAILED : OC_STATUS_FINISHED;
  p->early_stop.test_error = 1 - accuracy;
  ((gint32 *) a->data)[0] = ((gint32 *) a->data)[1] = alive;
  row = oc_prune_row_new (p, a, NULL);
  g_assert_nonnull (row);
  return row;
}

/* What occam-cli's prune summary and the Pruning page both read from the rows: level means over
 * seeds, the dense accuracy and the smallest matching density. */
static void
test_lottery_rows_summary (void)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) oc_prune_row_free);
  g_autoptr (GArray) imp = NULL;
  guint level = 99;
  double acc = 0, d;

  /* Out of order on purpose. IMP, two seeds: 0.9 dense; level 1 (density 6/8) within 1 pp;
   * level 2 (4/8) 3 pp below; level 3 (2/8) back up, which must not count. */
  g_ptr_array_add (rows, row_new (OC_CONTROL_IMP, 1, 2, 4, 0.86));
  g_ptr_array_add (rows, row_new (OC_CONTROL_IMP, 0, 0, 8, 0.90));
  g_ptr_array_add (rows, row_new (OC_CONTROL_IMP, 1, 0, 8, 0.90));
  g_ptr_array_add (rows, row_new (OC_CONTROL_IMP, 0, 1, 6, 0.895));
  g_ptr_array_add (rows, row_new (OC_CONTROL_IMP, 1, 1, 6, 0.895));
  g_ptr_array_add (rows, row_new (OC_CONTROL_IMP, 0, 2, 4, 0.88));
  g_ptr_array_add (rows, row_new (OC_CONTROL_IMP, 0, 3, 2, 0.95));
  g_ptr_array_add (rows, row_new (OC_CONTROL_IMP, 1, 3, 2, 0.95));
  g_ptr_array_add (rows, row_new (OC_CONTROL_RANDOM, 0, 0, 8, 0.90));
  g_ptr_array_add (rows, row_new (OC_CONTROL_RANDOM, 0, 1, 6, NAN));

  oc_prune_rows_sort (rows);
  g_assert_cmpint (((OcPruneRow *) rows->pdata[0])->level, ==, 0);
  g_assert_cmpint (((OcPruneRow *) rows->pdata[1])->seed, ==, 0);
  g_assert_cmpint (((OcPruneRow *) rows->pdata[1])->level, ==, 1);
  g_assert_cmpint (((OcPruneRow *) rows->pdata[8])->control, ==, OC_CONTROL_RANDOM);

  imp = oc_prune_rows_level_means (rows, OC_CONTROL_IMP);
  g_assert_cmpuint (imp->len, ==, 4);
  g_assert_cmpuint (g_array_index (imp, OcPruneLevelMean, 2).n, ==, 2);
  g_assert_cmpfloat_with_epsilon (g_array_index (imp, OcPruneLevelMean, 2).density, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (g_array_index (imp, OcPruneLevelMean, 2).accuracy, 0.87, 1e-12);
  g_assert_cmpfloat_with_epsilon (oc_prune_rows_dense_accuracy (rows), 0.90, 1e-12);

  d = oc_prune_rows_matching_density (rows, OC_CONTROL_IMP, 0.90, 0.01, &level, &acc);
  g_assert_cmpfloat_with_epsilon (d, 0.75, 1e-12);
  g_assert_cmpuint (level, ==, 1);
  g_assert_cmpfloat_with_epsilon (acc, 0.895, 1e-12);
  /* A wider tolerance reaches the lucky last level. */
  d = oc_prune_rows_matching_density (rows, OC_CONTROL_IMP, 0.90, 0.05, &level, NULL);
  g_assert_cmpfloat_with_epsilon (d, 0.25, 1e-12);
  g_assert_cmpuint (level, ==, 3);
  /* A diverged level ends the walk; a control without rows matches nothing. */
  d = oc_prune_rows_matching_density (rows, OC_CONTROL_RANDOM, 0.90, 0.01, &level, NULL);
  g_assert_cmpfloat_with_epsilon (d, 1.0, 1e-12);
  g_assert_cmpuint (level, ==, 0);
  g_assert_true (isnan (oc_prune_rows_matching_density (rows, OC_CONTROL_REINIT, 0.90, 0.01, NULL,
                                                        NULL)));

  /* A diverged dense run leaves no baseline. */
  g_ptr_array_add (rows, row_new (OC_CONTROL_IMP, 2, 0, 8, NAN));
  g_assert_true (isnan (oc_prune_rows_dense_accuracy (rows)));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lottery/levels-and-rewind", test_lottery_levels_and_rewind);
  g_test_add_func ("/lottery/controls", test_lottery_controls);
  g_test_add_func ("/lottery/resume", test_lottery_resume);
  g_test_add_func ("/lottery/late-rewind-and-one-shot", test_lottery_late_rewind_and_one_shot);
  g_test_add_func ("/lottery/controls-output-kept", test_lottery_controls_output_kept);
  g_test_add_func ("/lottery/dense-control", test_lottery_dense_control);
  g_test_add_func ("/lottery/no-lost-levels", test_lottery_no_lost_levels);
  g_test_add_func ("/lottery/threads", test_lottery_threads);
  g_test_add_func ("/lottery/bad-config", test_lottery_bad_config);
  g_test_add_func ("/lottery/rows-summary", test_lottery_rows_summary);
  return g_test_run ();
}
