/* oc-run-prune.c — the `prune` kind of the experiment runner: lottery tickets, one point per
 * control, seed and level (see oc-prune-record.h for what each point holds).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lottery driver resumes by asking, level by level, whether the store already holds it (and
 * for IMP, the trained weights and next mask the chain continues from); a control's dense level is
 * IMP's, reported again without work of its own.
 */
#include "occam/oc-lottery.h"
#include "occam/oc-prune-record.h"
#include "oc-experiment-private.h"

typedef struct
{
  OcRun           *run;
  OcLotteryConfig *cfg;
  guint            threads;
} Prune;

static gboolean
prune_plan (OcRunPlan *plan, const OcSpec *spec, GError **error)
{
  OcLotteryConfig cfg;
  guint n_levels;

  if (!oc_lottery_config_from_spec (spec, &cfg, error))
    return FALSE;
  n_levels = oc_lottery_n_levels (&cfg);
  /* Control, then seed, then level: the order prune rows are read back in. */
  for (guint c = 0; c < OC_N_CONTROLS; c++)
    {
      if (c != OC_CONTROL_IMP && !(cfg.controls & (1u << c)))
        continue;
      for (guint s = 0; s < cfg.seeds->len; s++)
        for (guint l = 0; l < (c == OC_CONTROL_IMP && cfg.densities != NULL ? 1 : n_levels); l++)
          {
            guint64 seed = g_array_index (cfg.seeds, guint64, s);

            /* Every control at level L needs IMP's level L of the same seed: a seed's points
             * are one chain, and one shard computes them all. */
            oc_run_plan_add_chain_point (plan, s, oc_lottery_point_key ((OcControl) c, seed, l),
                                   g_strdup_printf ("%s · seed %" G_GUINT64_FORMAT " · level %u",
                                                    oc_control_to_string ((OcControl) c), seed, l),
                                   c != OC_CONTROL_IMP && l == 0 ? 0
                                   /* Evaluated, not trained: about one epoch's evaluation. */
                                   : oc_control_parent ((OcControl) c) == OC_CONTROL_EDGE_POPUP
                                     && c != OC_CONTROL_EDGE_POPUP ? 0.02 : 1);
          }
    }
  oc_lottery_config_clear (&cfg);
  return TRUE;
}

static void
prune_threads (OcRunPlan *plan, const OcSpec *spec, guint n_todo)
{
  OcLotteryConfig cfg;
  guint workers = 1, threads = 1;

  if (oc_lottery_config_from_spec (spec, &cfg, NULL))
    {
      oc_lottery_plan (&cfg, &workers, &threads);
      oc_lottery_config_clear (&cfg);
    }
  oc_run_plan_set_threads (plan, workers, threads);
}

static int
point_index (Prune *pr, OcControl control, guint64 seed, guint level)
{
  g_autofree char *key = oc_lottery_point_key (control, seed, level);

  return oc_run_plan_find_key (oc_run_get_plan (pr->run), key);
}

static gboolean
on_lookup (OcControl control, guint64 seed, guint level, float *next_mask, float *theta_final,
           gsize n_params, gpointer user_data)
{
  Prune *pr = user_data;
  OcStore *store = oc_run_get_store (pr->run);

  /* The store, not the plan, decides: an IMP level goes on from its recorded weights and mask. */
  return store != NULL && !oc_run_get_options (pr->run)->rerun
         && oc_prune_store_lookup (store, oc_run_plan_get_id (oc_run_get_plan (pr->run)), pr->cfg,
                                   control, seed, level, next_mask, theta_final, n_params);
}

static void
on_progress (OcControl control, guint64 seed, guint level, const OcProgress *progress,
             gpointer user_data)
{
  Prune *pr = user_data;
  int index = point_index (pr, control, seed, level);

  if (index >= 0)
    oc_run_progress (pr->run, (guint) index, progress);
}

static gboolean
on_level_finished (const OcLevelOutcome *o, gpointer user_data, GError **error)
{
  Prune *pr = user_data;
  int index = point_index (pr, o->control, o->seed, o->level);
  GPtrArray *artifacts;

  g_return_val_if_fail (index >= 0, FALSE);
  artifacts = oc_prune_level_artifacts (o, error);
  if (artifacts == NULL)
    return FALSE;
  return oc_run_record (pr->run, (guint) index,
                        oc_prune_point_record_new (oc_run_plan_get_id (oc_run_get_plan (pr->run)),
                                                   o, pr->threads),
                        artifacts, o->reused, error);
}

static gboolean
prune_run (OcRun *run, GCancellable *cancellable, GError **error)
{
  OcLotteryCallbacks cb = { on_lookup, on_progress, on_level_finished, NULL };
  OcLotteryConfig cfg;
  Prune pr = { run, &cfg, 1 };
  gboolean ok;

  if (!oc_lottery_config_from_spec (oc_run_get_spec (run), &cfg, error))
    return FALSE;
  oc_run_plan_get_threads (oc_run_get_plan (run), NULL, &pr.threads);
  cb.user_data = &pr;
  /* A shard runs the seeds of its chains only. */
  {
    const OcRunPlan *plan = oc_run_get_plan (run);
    GArray *seeds = g_array_new (FALSE, FALSE, sizeof (guint64));

    for (guint s = 0; s < cfg.seeds->len; s++)
      {
        guint64 seed = g_array_index (cfg.seeds, guint64, s);
        int index = point_index (&pr, OC_CONTROL_IMP, seed, 0);

        if (index >= 0 && oc_run_plan_in_shard (plan, (guint) index))
          g_array_append_val (seeds, seed);
      }
    g_array_unref ((GArray *) cfg.seeds);
    cfg.seeds = seeds;
  }
  ok = cfg.seeds->len == 0 || oc_lottery_run (&cfg, &cb, cancellable, error);
  oc_lottery_config_clear (&cfg);
  return ok;
}

const OcRunKind oc_run_kind_prune = { prune_plan, prune_threads, prune_run };
