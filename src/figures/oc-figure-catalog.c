/* oc-figure-catalog.c — see oc-figure-catalog.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One table of entries: the kind of experiment each belongs to, its name, description, the
 * parameters it takes and its builder. A builder gets the resolved parameters and returns the
 * figure, or NULL when the experiment has nothing to draw for it; then the entry's `needs` says
 * why, unless the builder set a more precise error itself. Whether a figure is listed is decided
 * the same way, by building it with its defaults, so the list and the builders cannot disagree.
 */
#include <math.h>
#include <string.h>


#include "occam/oc-error.h"
#include "occam/oc-experiment.h"
#include "occam/oc-snapshot.h"
#include "occam-figures/oc-data-figures.h"
#include "occam-figures/oc-figure-catalog.h"
#include "occam-figures/oc-landscape-figures.h"
#include "occam-figures/oc-instability-figures.h"
#include "occam-figures/oc-prune-figures.h"
#include "occam-figures/oc-sweep-figures.h"
#include "occam-figures/oc-train-figures.h"
#include "occam-figures/oc-grok-figures.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include "occam-plot/oc-plot-query.h"

/* The store's key of a train experiment's one point (oc-store.h). */

typedef enum
{
  KIND_SWEEP,
  KIND_RFF,
  KIND_PRUNE,
  KIND_TRAIN,
  KIND_LANDSCAPE,
  KIND_INSTABILITY,
  KIND_GROK,
} Kind;

typedef enum
{
  PARAM_GROUP, /* a sweep's swept value: width, n or noise */
  PARAM_LEVEL, /* an IMP level with stored arenas */
  PARAM_LAYER, /* a weight layer, 0 = the first */
  PARAM_SORT,  /* the receptive fields' order: inputs or norm */
  PARAM_SEED,  /* one seed of a sweep's group, or all of them */
  PARAM_FIELD, /* a landscape's value: train-loss, train-error, test-loss or test-error */
  PARAM_AT,    /* a position along a landscape's trajectory, fractions allowed */
  PARAM_RUN,   /* a grok run: "FRACTION/WD/SEED" */
  PARAM_WITH,  /* other prune experiments to draw with this one */
  PARAM_EPOCH_AXIS, /* the epoch heatmap's epoch axis: auto, linear or log */
  N_PARAMS
} ParamId;

/* Resolved parameter values. */
typedef struct
{
  guint group; /* index into the catalogue's groups */
  guint level;
  guint layer;
  OcPruneSort sort;
  gboolean one_seed; /* PARAM_SEED: a seed, not all of them */
  guint64  seed;
  int      point;    /* then the results entry of that seed in the group; else −1 */
  OcLandscapeField field;
  double at;
  guint run;   /* index into the grok results */
  GPtrArray *with; /* OcPruneResults of the other experiments (the catalogue's), or NULL */
  OcSweepEpochAxis epoch_axis;
} Args;

typedef OcPlotFigure *(*BuildFunc) (OcFigureCatalog *c, const Args *a, GError **error);

/* The Pruning page's builders, called as the page calls them: on the whole run, at a level, or
 * at a level and layer. */
typedef OcPlotFigure *(*PruneRunFunc) (OcPruneResults *results);
typedef OcPlotFigure *(*PruneLevelFunc) (OcPruneResults *results, guint level);
typedef OcPlotFigure *(*PruneLayerFunc) (OcPruneResults *results, guint level, guint layer);

typedef struct
{
  Kind           kind;
  const char    *name;
  const char    *description; /* "{x}": the sweep's x axis, "{group}": what one group is */
  const char    *needs;       /* why a NULL figure is NULL: "it needs …" */
  guint          n_params;
  ParamId        params[2];
  /* One of these. */
  BuildFunc      build;
  PruneRunFunc   prune_run;
  PruneLevelFunc prune_level;
  PruneLayerFunc prune_layer;
} Entry;

struct _OcFigureCatalog
{
  OcStoreExperiment *exp;
  Kind               kind;
  OcSpec            *spec;

  /* sweep and rff */
  OcSweepResults    *sweep;
  OcSweepMode        mode;
  GArray            *groups;   /* OcSweepGroup, ascending */
  GArray            *finished; /* guint: indices of groups with finished points */

  OcStore           *store;    /* borrowed: the methods figure loads the experiments it names */

  /* prune */
  OcPruneResults    *prune;
  GPtrArray         *with;     /* OcPruneResults of the last with= parameter */
  GArray            *levels;   /* guint: IMP levels with arenas, ascending */
  guint              n_layers;

  /* landscape */
  OcLandscapeResults *landscape;

  /* train */
  OcStorePoint      *point;    /* with its curve, or NULL */
  OcMlp             *model;    /* θ_T in the point's architecture, or NULL */
  char              *no_model; /* why there is no model */
  OcDataset         *data;     /* loaded on demand, for the decision boundary */
  char              *no_data;
  OcNpyArray        *boundary_thetas; /* θ at evaluations [n, n_params], or NULL */
  char              *no_snapshots;    /* why there are none */

  /* instability */
  OcInstabilityResults *instability;
  /* grok */
  OcGrokResults     *grok;
  GArray            *grok_runs; /* guint: indices of finished runs */

  /* One per entry of this kind, in table order. */
  GPtrArray         *entries;  /* const Entry * */
  GArray            *infos;    /* OcFigureInfo */
  GPtrArray         *strings;  /* everything the infos point into */
  char              *defaults[N_PARAMS];
  char              *param_help[N_PARAMS];
  GPtrArray         *listed;   /* const OcFigureInfo *, filled on first use */
  GPtrArray         *animated; /* the listed ones with frames, filled on first use */

  /* Frames (oc_figure_catalog_build_frame) */
  GArray            *frame_order;  /* guint: sweep points with results, by the time they ended */
  GArray            *frame_ends;   /* guint: how many of frame_order frame k shows */
  OcSweepResults    *frame_sweep;  /* the first frame_added points of frame_order */
  guint              frame_added;
  char              *frame_key;    /* the figure and parameters frame_x0/x1 belong to */
  double             frame_x0, frame_x1; /* the final figure's x range, NaN: none */
};

/* ---- Builders ---- */

static OcPlotFigure *
build_sweep_main (OcFigureCatalog *c, const Args *a, GError **error)
{
  if (c->finished->len == 0)
    return NULL;
  return oc_sweep_main_figure_new (c->sweep, c->groups, c->mode, NULL);
}

static OcPlotFigure *
build_epoch_heatmap (OcFigureCatalog *c, const Args *a, GError **error)
{
  if (c->finished->len == 0)
    return NULL;
  return oc_sweep_heatmap_new (c->sweep, c->groups, c->mode, a->epoch_axis);
}

static OcPlotFigure *
build_learning_curve (OcFigureCatalog *c, const Args *a, GError **error)
{
  const OcSweepGroup *g;

  if (c->finished->len == 0)
    return NULL;
  g = &g_array_index (c->groups, OcSweepGroup, a->group);
  /* One seed's curve, as the Sweep page shows it for a dot of the seed distribution. */
  if (a->point >= 0)
    return oc_sweep_point_curves_new (c->sweep, g, (guint) a->point, c->mode);
  return oc_sweep_curves_new (c->sweep, g, c->mode);
}

static OcPlotFigure *
build_seeds (OcFigureCatalog *c, const Args *a, GError **error)
{
  return oc_sweep_seeds_figure_new (c->sweep, c->groups, c->mode, NULL);
}

static OcPlotFigure *
build_norms (OcFigureCatalog *c, const Args *a, GError **error)
{
  if (c->finished->len == 0)
    return NULL;
  return oc_sweep_norms_figure_new (c->sweep, c->groups, c->mode, NULL);
}

static OcPlotFigure *
build_methods (OcFigureCatalog *c, const Args *a, GError **error)
{
  g_autoptr (GPtrArray) all = g_ptr_array_new ();

  g_ptr_array_add (all, c->prune);
  for (guint i = 0; a->with != NULL && i < a->with->len; i++)
    g_ptr_array_add (all, a->with->pdata[i]);
  return oc_prune_methods_figure_new ((OcPruneResults *const *) all->pdata, all->len,
                                      OC_PRUNE_MATCH_TOLERANCE);
}

static OcPlotFigure *
build_rff_norm (OcFigureCatalog *c, const Args *a, GError **error)
{
  if (c->finished->len == 0)
    return NULL;
  return oc_rff_norm_figure_new (c->sweep, c->groups);
}

static OcPlotFigure *
build_instability_path (OcFigureCatalog *c, const Args *a, GError **error)
{
  return oc_instability_path_figure_new (c->instability);
}

static OcPlotFigure *
build_instability_k (OcFigureCatalog *c, const Args *a, GError **error)
{
  return oc_instability_k_figure_new (c->instability);
}

static OcPlotFigure *
build_atlas (OcFigureCatalog *c, const Args *a, GError **error)
{
  return oc_prune_atlas_new (c->prune, a->level, a->sort);
}

/* The data an experiment trained on, loaded once (the decision boundary's points, the fan-in
 * figure's mean image); FALSE with c->no_data set when they cannot be loaded. */
static gboolean
need_data (OcFigureCatalog *c)
{
  /* Every kind's values start with its data options. */
  const OcDataOptions *opts = oc_spec_get_values (c->spec);
  g_autoptr (GError) local = NULL;

  if (c->data == NULL && c->no_data == NULL)
    {
      c->data = oc_dataset_load (opts, NULL, &local);
      if (c->data == NULL)
        c->no_data = g_strdup_printf (_("its data cannot be loaded: %s"), local->message);
    }
  return c->data != NULL;
}

static OcPlotFigure *
build_fan_in (OcFigureCatalog *c, const Args *a, GError **error)
{
  g_autofree float *mean = NULL;

  /* The Pruning page draws over the mean training image once the data are loaded, and
   * without it when they cannot be: so does the catalogue. */
  if (oc_prune_results_imp (c->prune, a->level) != NULL && need_data (c)
      && c->data->dim == oc_prune_results_imp (c->prune, a->level)->row->sizes[0])
    mean = oc_split_mean (c->data, &c->data->train);
  return oc_prune_fan_in_new (c->prune, a->level, mean);
}

/* "Spiral · 2-64-2": what History calls a train run. */
static char *
train_title (const OcFigureCatalog *c)
{
  g_autofree char *data = oc_dataset_display_name (c->exp->dataset ? c->exp->dataset : "");

  if (c->point != NULL && c->point->architecture != NULL)
    return g_strdup_printf ("%s · %s", data, c->point->architecture);
  return g_strdup_printf ("%s · %s", data, c->exp->kind);
}

static OcPlotFigure *
build_train_curves (OcFigureCatalog *c, const Args *a, GError **error)
{
  g_autofree char *title = NULL;

  if (c->point == NULL || c->point->evals == NULL || c->point->evals->len == 0)
    return NULL;
  title = train_title (c);
  return oc_curves_figure_new (c->point->evals, title);
}

static gboolean
need_model (OcFigureCatalog *c, GError **error)
{
  if (c->model != NULL)
    return TRUE;
  g_set_error (error, OC_ERROR, OC_ERROR_NOT_FOUND, "%s", c->no_model);
  return FALSE;
}

static OcPlotFigure *
build_train_histogram (OcFigureCatalog *c, const Args *a, GError **error)
{
  g_autoptr (OcWeightHist) hist = NULL;

  if (!need_model (c, error))
    return NULL;
  /* As the Train page's worker bins the model it trains. */
  hist = oc_weight_hist_new (c->model);
  return oc_weight_hist_figure_new (hist);
}

static OcPlotFigure *
build_boundary (OcFigureCatalog *c, const Args *a, GError **error)
{
  g_autoptr (OcBoundary) boundary = NULL;
  OcBoundaryGrid grid;

  if (!need_model (c, error))
    return NULL;
  if (c->model->sizes[0] != 2)
    return NULL;
  /* The data the run trained on, for the grid's extent and the points drawn over it. */
  if (!need_data (c))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_NOT_FOUND, "%s", c->no_data);
      return NULL;
    }
  if (!oc_dataset_is_planar (c->data))
    return NULL;
  /* The Train page's grid: the training points' extent, sampled as its job samples it. */
  oc_boundary_grid_for_split (&grid, &c->data->train, OC_BOUNDARY_GRID_SIDE);
  boundary = oc_boundary_new (c->model, &grid);
  if (boundary == NULL)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_NO_MEMORY,
                   _("not enough memory for a %u × %u decision-boundary grid"), grid.nx, grid.ny);
      return NULL;
    }
  return oc_boundary_figure_new (boundary, c->data);
}

static OcPlotFigure *
build_slice (OcFigureCatalog *c, const Args *a, GError **error)
{
  return oc_landscape_slice_figure_new (c->landscape, a->field, NAN);
}

static OcPlotFigure *
build_profile (OcFigureCatalog *c, const Args *a, GError **error)
{
  return oc_landscape_profile_figure_new (c->landscape);
}

static OcPlotFigure *
build_replay (OcFigureCatalog *c, const Args *a, GError **error)
{
  return oc_landscape_replay_figure_new (c->landscape, a->at);
}

/* "F/WD/SEED": how the run parameter names a grok run. */
static char *
grok_run_name (const OcGrokRun *run)
{
  return g_strdup_printf ("%g/%g/%" G_GUINT64_FORMAT, run->point.train_fraction,
                          run->point.weight_decay, run->point.seed);
}

static const OcGrokRun *
grok_run (const OcFigureCatalog *c, const Args *a)
{
  if (c->grok_runs->len == 0)
    return NULL;
  return oc_grok_results_get_run (c->grok, a->run);
}

static char *
grok_title (const OcFigureCatalog *c, const OcGrokRun *run)
{
  const OcDataOptions *d = oc_spec_get_data_options (c->spec);

  if (oc_grok_results_get_modulus (c->grok) > 0)
    return g_strdup_printf (_("(a + b) mod %u · %s"), d->modulus, run->label);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u-digit addition · %s",
                                       "%u-digit addition · %s", d->digits),
                          d->digits, run->label);
}

static OcPlotFigure *
build_grok_accuracy (OcFigureCatalog *c, const Args *a, GError **error)
{
  const OcGrokRun *run = grok_run (c, a);
  g_autofree char *title = NULL;

  if (run == NULL)
    return NULL;
  title = grok_title (c, run);
  return oc_grok_accuracy_figure_new (run, title);
}

static OcPlotFigure *
build_grok_measures (OcFigureCatalog *c, const Args *a, GError **error)
{
  const OcGrokRun *run = grok_run (c, a);

  if (run == NULL)
    return NULL;
  return oc_grok_measures_figure_new (run, oc_grok_results_get_modulus (c->grok) > 0
                                             ? "Weight norm and Fourier share of the embedding"
                                             : "Weight norm");
}

static OcPlotFigure *
build_grok_fractions (OcFigureCatalog *c, const Args *a, GError **error)
{
  return oc_grok_fractions_figure_new (c->grok);
}

static OcPlotFigure *
build_grok_spectrum (OcFigureCatalog *c, const Args *a, GError **error)
{
  const OcGrokRun *run = grok_run (c, a);
  const OcGrokSpec *v = oc_spec_get_values (c->spec);

  return run != NULL ? oc_grok_spectrum_figure_new (run, v->fourier_top_k) : NULL;
}

static OcPlotFigure *
build_grok_pairs (OcFigureCatalog *c, const Args *a, gboolean final)
{
  const OcGrokRun *run = grok_run (c, a);

  return run != NULL ? oc_grok_pairs_figure_new (run, final,
                                                 oc_grok_results_get_modulus (c->grok) > 0)
                     : NULL;
}

static OcPlotFigure *
build_grok_pairs_memorised (OcFigureCatalog *c, const Args *a, GError **error)
{
  return build_grok_pairs (c, a, FALSE);
}

static OcPlotFigure *
build_grok_pairs_final (OcFigureCatalog *c, const Args *a, GError **error)
{
  return build_grok_pairs (c, a, TRUE);
}

static const Entry entries[] = {
  { KIND_SWEEP, "double-descent", N_("Test and train error against {x} (mean and min–max over "
    "seeds), test loss dashed, stuck runs marked: the Sweep page's figure"),
    N_("it needs a finished point"), 0, { 0 }, build_sweep_main },
  { KIND_SWEEP, "epoch-heatmap", N_("Mean test error by {group} and recorded epoch"),
    N_("it needs three evaluations per point or more (a sweep that records every K epochs)"), 1,
    { PARAM_EPOCH_AXIS }, build_epoch_heatmap },
  { KIND_SWEEP, "learning-curve", N_("Train and test error and test loss against the epoch for "
    "one {group} (mean and min–max over seeds) or one seed of it"),
    N_("it needs a finished point with a stored curve"), 2, { PARAM_GROUP, PARAM_SEED },
    build_learning_curve },
  { KIND_SWEEP, "seed-distribution", N_("Final train and test error of every seed by {group}: a "
    "dot per seed over quartile boxes, runs stuck near chance marked and counted"),
    N_("it needs a finished point"), 0, { 0 }, build_seeds },
  { KIND_SWEEP, "norms", N_("‖θ_T‖₂, distance from the initialisation ‖θ_T − θ₀‖₂ and path norm "
    "against {x} (mean and min–max over seeds, log y) beside the test error"),
    N_("it needs a finished point that recorded its norms (points trained before Occam recorded "
    "them have none; run the sweep again with --rerun)"), 0, { 0 }, build_norms },
  { KIND_RFF, "random-features", N_("Test and train zero-one error and test squared loss against "
    "the number of random features N, N = n marked: the Sweep page's figure"),
    N_("it needs a finished fit"), 0, { 0 }, build_sweep_main },
  { KIND_RFF, "coefficient-norm", N_("Norm of the fitted coefficients and condition number κ(Φ) "
    "against N"), N_("it needs a finished fit"), 0, { 0 }, build_rff_norm },
  { KIND_RFF, "norms", N_("Norm of the fitted coefficients against N beside the test zero-one "
    "error, N = n marked"), N_("it needs a finished fit"), 0, { 0 }, build_norms },
  { KIND_PRUNE, "accuracy", N_("Test accuracy against the share of weights left (log x): IMP, its "
    "controls and the dense network"), N_("it needs a finished level"), 0, { 0 },
    .prune_run = oc_prune_accuracy_figure_new },
  { KIND_PRUNE, "methods", N_("Test accuracy against the share of weights left (log x) for every "
    "pruning method and sanity check of this experiment and those of with=, each method's "
    "smallest matching density marked"), N_("it needs a finished level"), 1, { PARAM_WITH },
    build_methods },
  { KIND_PRUNE, "early-stop", N_("Early-stopping iteration against the share of weights left"),
    N_("it needs a finished level"), 0, { 0 }, .prune_run = oc_prune_early_stop_figure_new },
  { KIND_PRUNE, "layer-density", N_("Share of weights left in each layer per IMP level (log y)"),
    N_("it needs a finished IMP level"), 0, { 0 }, .prune_run = oc_prune_density_figure_new },
  { KIND_PRUNE, "weight-histogram", N_("Weight magnitudes of one layer at one IMP level: where "
    "training started and trained, kept and pruned by the next level, the threshold"),
    N_("it needs an IMP level with stored weights"), 2, { PARAM_LEVEL, PARAM_LAYER },
    .prune_layer = oc_prune_histogram_new },
  { KIND_PRUNE, "weight-scatter", N_("Weights at the start against trained weights of one layer at "
    "one IMP level, kept and pruned"), N_("it needs an IMP level with stored weights"), 2,
    { PARAM_LEVEL, PARAM_LAYER }, .prune_layer = oc_prune_scatter_new },
  { KIND_PRUNE, "receptive-fields", N_("The first layer's surviving trained weights as one signed "
    "square receptive field per hidden unit at one IMP level, dead units greyed and counted"),
    N_("it needs square images as input (16, 25, … 784 inputs) and a stored IMP level"), 2,
    { PARAM_LEVEL, PARAM_SORT }, build_atlas },
  { KIND_PRUNE, "input-fan-out", N_("Surviving first-layer weights leaving each input pixel at one "
    "IMP level, over the mean training image"), N_("it needs square images as input and a stored "
    "IMP level"), 1, { PARAM_LEVEL }, build_fan_in },
  { KIND_PRUNE, "mask", N_("One layer's mask at one IMP level as an outputs × inputs heatmap"),
    N_("it needs an IMP level with stored weights"), 2, { PARAM_LEVEL, PARAM_LAYER },
    .prune_layer = oc_prune_mask_figure_new },
  { KIND_PRUNE, "mask-overlap", N_("Overlap (IoU) of the surviving weights between every two IMP "
    "levels"), N_("it needs two IMP levels with stored masks"), 0, { 0 },
    .prune_run = oc_prune_overlap_figure_new },
  { KIND_PRUNE, "seed-overlap", N_("Overlap (IoU) of the IMP masks of different seeds at each "
    "level"), N_("it needs two seeds or more"), 0, { 0 },
    .prune_run = oc_prune_seed_overlap_new },
  { KIND_TRAIN, "learning-curves", N_("Error and loss (dashed) of the training, validation and "
    "test splits against the iteration"), N_("it needs a finished run with a stored curve"), 0,
    { 0 }, build_train_curves },
  { KIND_TRAIN, "weight-histogram", N_("Magnitudes of the trained weights per layer on a shared log "
    "axis"), N_("it needs the run's trained weights"), 0, { 0 }, build_train_histogram },
  { KIND_TRAIN, "decision-boundary", N_("The trained network's class probabilities over the plane "
    "with its 0.5 contour and the training points"), N_("it needs 2-D data (two inputs, one label)"),
    0, { 0 }, build_boundary },
  { KIND_LANDSCAPE, "slice", N_("A value over the plane through the trained weights θ_T (losses on "
    "a log colour scale), with the training trajectory from θ₀ to θ_T on a PCA plane"),
    N_("it needs a finished plane (--plane random or pca)"), 1, { PARAM_FIELD }, build_slice },
  { KIND_LANDSCAPE, "profile", N_("Error and loss of training and test examples along the straight "
    "line between two networks (θ₀ → θ_T, or two solutions)"), N_("it needs a finished line"), 0,
    { 0 }, build_profile },
  { KIND_LANDSCAPE, "replay", N_("One frame of the replay: the ball at a moment of the training on "
    "the PCA slice, next to the loss along the trajectory with a cursor there"),
    N_("it needs a PCA plane, which records the trajectory"), 1, { PARAM_AT }, build_replay },
  /* xgettext:no-c-format */
  { KIND_INSTABILITY, "instability", N_("Instability (the error barrier between two children) "
    "against the iteration k they branch off, log x, with the 2 % stability threshold"),
    N_("it needs a finished point"), 0, { 0 }, build_instability_k },
  { KIND_INSTABILITY, "instability-path", N_("Test error along the line between the two children "
    "for each k (mean and min–max over seeds)"), N_("it needs a finished point"), 0, { 0 },
    build_instability_path },
  { KIND_GROK, "accuracy", N_("Train and held-out accuracy of one run against the step (log x), "
    "with the memorised and found-the-rule steps marked: the Grokking page's figure"),
    N_("it needs a finished run"), 1, { PARAM_RUN }, build_grok_accuracy },
  { KIND_GROK, "measures", N_("Weight norm ‖θ‖₂ and (modadd) the Fourier share of the input "
    "embedding (per hidden unit) of one run against the step"), N_("it needs a finished run"), 1, { PARAM_RUN },
    build_grok_measures },
  { KIND_GROK, "steps-vs-fraction", N_("Steps to find the rule and to memorise against the train "
    "fraction, one curve per weight decay (mean over seeds)"), N_("it needs a finished run"), 0,
    { 0 }, build_grok_fractions },
  { KIND_GROK, "spectrum", N_("modadd: the embedding's energy per Fourier frequency at the "
    "memorised step and after the jump"), N_("it needs a modadd run with a recorded spectrum"), 1,
    { PARAM_RUN }, build_grok_spectrum },
  { KIND_GROK, "held-out-memorised", N_("Which held-out pairs (sums) one run gets right when it has "
    "memorised the training pairs: a lookup table gets them wrong"),
    N_("it needs a run that memorised its training pairs"), 1, { PARAM_RUN },
    build_grok_pairs_memorised },
  { KIND_GROK, "held-out-final", N_("Which held-out pairs (sums) one run gets right after its last "
    "step: the rule gets them right"), N_("it needs a finished run"), 1, { PARAM_RUN },
    build_grok_pairs_final },
};

static const char *const kind_names[] = { "sweep", "rff", "prune", "train", "landscape",
                                          "instability", "grok" };
static const char *const main_names[] = { "double-descent", "random-features", "accuracy",
                                          "learning-curves", "slice", "instability", "accuracy" };

static OcPlotFigure *
build_entry (OcFigureCatalog *c, const Entry *e, const Args *a, GError **error)
{
  if (e->prune_run != NULL)
    return e->prune_run (c->prune);
  if (e->prune_level != NULL)
    return e->prune_level (c->prune, a->level);
  if (e->prune_layer != NULL)
    return e->prune_layer (c->prune, a->level, a->layer);
  return e->build (c, a, error);
}

/* ---- Loading ---- */

static gboolean
load_sweep (OcFigureCatalog *c, OcStore *store, GError **error)
{
  g_autoptr (OcSweepGrid) grid = oc_sweep_grid_new (c->spec, error);

  if (grid == NULL)
    return FALSE;
  c->sweep = oc_sweep_results_new (grid);
  if (oc_sweep_results_load (c->sweep, store, error) < 0)
    return FALSE;
  /* The Sweep page guesses its mode from the spec the same way when it opens a stored sweep. */
  c->mode = oc_sweep_grid_guess_mode (grid);
  c->groups = oc_sweep_results_groups (c->sweep, c->mode);
  c->finished = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint k = 0; k < c->groups->len; k++)
    if (g_array_index (c->groups, OcSweepGroup, k).n > 0)
      g_array_append_val (c->finished, k);
  return TRUE;
}

static gboolean
load_prune (OcFigureCatalog *c, OcStore *store, GError **error)
{
  c->prune = oc_prune_results_new (c->spec, error);
  if (c->prune == NULL || oc_prune_results_load (c->prune, store, error) < 0)
    return FALSE;
  c->levels = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint l = 0; l < oc_prune_results_get_n_levels (c->prune); l++)
    if (oc_prune_results_imp (c->prune, l) != NULL)
      g_array_append_val (c->levels, l);
  /* The Pruning page's layer menu lists the dense level's layers; every level has the same. */
  if (c->levels->len > 0)
    c->n_layers = oc_prune_results_imp (c->prune, g_array_index (c->levels, guint, 0))
                    ->row->n_layers;
  return TRUE;
}

/* "2-64-2" → { 2, 64, 2 }; NULL unless every part is a width. */
static GArray *
parse_architecture (const char *text)
{
  g_auto (GStrv) parts = text != NULL ? g_strsplit (text, "-", -1) : NULL;
  g_autoptr (GArray) sizes = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; parts != NULL && parts[i] != NULL; i++)
    {
      guint64 v;
      guint width;

      if (!g_ascii_string_to_unsigned (parts[i], 10, 1, G_MAXUINT, &v, NULL))
        return NULL;
      width = (guint) v;
      g_array_append_val (sizes, width);
    }
  return sizes->len >= 2 ? g_steal_pointer (&sizes) : NULL;
}

/* θ along the way (oc-run-train.c: boundary_thetas, one row of the arena per kept evaluation)
 * for the decision boundary's frames; when they cannot be had, c->no_snapshots says why. Runs
 * stored before the snapshots existed have none. */
static gboolean
load_snapshots (OcFigureCatalog *c, OcStore *store, GError **error)
{
  g_autoptr (OcNpyArray) thetas = NULL;
  g_autoptr (GError) local = NULL;

  thetas = oc_store_get_artifact (store, c->exp->id, OC_TRAIN_POINT_KEY, "boundary_thetas",
                                  &local);
  if (thetas == NULL)
    {
      if (!g_error_matches (local, OC_ERROR, OC_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      c->no_snapshots = g_strdup (_("this run stored no boundary snapshots; run it again with "
                                    "this version"));
      return TRUE;
    }
  if (thetas->dtype != OC_NPY_FLOAT32 || thetas->n_dims != 2 || thetas->shape[0] == 0
      || thetas->shape[0] > G_MAXUINT || thetas->shape[1] != c->model->n_params)
    {
      c->no_snapshots = g_strdup_printf (_("its boundary snapshots (boundary_thetas) are not "
                                           "rows of a %s network's %zu parameters; run it "
                                           "again with this version"),
                                         c->point->architecture, c->model->n_params);
      return TRUE;
    }
  c->boundary_thetas = g_steal_pointer (&thetas);
  return TRUE;
}

/* θ_T as stored (float32 [n_params], the arena of oc-mlp.h) in the point's architecture; when
 * it cannot be had, c->no_model says why. */
static gboolean
load_model (OcFigureCatalog *c, OcStore *store, GError **error)
{
  const OcTrainSpec *spec = oc_spec_get_values (c->spec);
  g_autoptr (OcNpyArray) theta = NULL;
  g_autoptr (GArray) sizes = NULL;
  g_autoptr (GError) local = NULL;
  g_autoptr (OcMlp) model = NULL;

  if (c->point == NULL || c->point->status != OC_STATUS_FINISHED)
    {
      c->no_model = g_strdup (_("the run has not finished"));
      return TRUE;
    }
  theta = oc_store_get_artifact (store, c->exp->id, OC_TRAIN_POINT_KEY, "theta_final", &local);
  if (theta == NULL)
    {
      if (!g_error_matches (local, OC_ERROR, OC_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      c->no_model = g_strdup (_("the stored run has no theta_final artifact (its trained "
                              "weights)"));
      return TRUE;
    }
  sizes = parse_architecture (c->point->architecture);
  if (sizes != NULL)
    model = oc_mlp_new ((const guint *) sizes->data, sizes->len, spec->train.activation, NULL);
  if (model == NULL)
    {
      c->no_model = g_strdup_printf (_("the stored architecture '%s' is not a network"),
                                     c->point->architecture ? c->point->architecture : "");
      return TRUE;
    }
  if (theta->dtype != OC_NPY_FLOAT32 || theta->n_dims != 1 || theta->n_elems != model->n_params)
    {
      c->no_model = g_strdup_printf ("theta_final holds %" G_GSIZE_FORMAT " values of type %s; "
                                     "a %s network's parameter arena is %" G_GSIZE_FORMAT
                                     " float32", theta->n_elems,
                                     oc_npy_dtype_descr (theta->dtype), c->point->architecture,
                                     model->n_params);
      return TRUE;
    }
  memcpy (model->params, theta->data, sizeof (float) * model->n_params);
  c->model = g_steal_pointer (&model);
  return load_snapshots (c, store, error);
}

static gboolean
load_landscape (OcFigureCatalog *c, OcStore *store, GError **error)
{
  c->landscape = oc_landscape_results_new (c->spec, c->exp->id);
  return oc_landscape_results_load (c->landscape, store, error);
}

static gboolean
load_train (OcFigureCatalog *c, OcStore *store, GError **error)
{
  g_autoptr (GError) local = NULL;

  c->point = oc_store_get_point (store, c->exp->id, OC_TRAIN_POINT_KEY, TRUE, &local);
  if (c->point == NULL && !g_error_matches (local, OC_ERROR, OC_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return load_model (c, store, error);
}

static gboolean
load_grok (OcFigureCatalog *c, OcStore *store, GError **error)
{
  c->grok = oc_grok_results_new (c->spec);
  if (oc_grok_results_load (c->grok, store, error) < 0)
    return FALSE;
  c->grok_runs = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < oc_grok_results_get_n_runs (c->grok); i++)
    if (oc_grok_results_get_run (c->grok, i)->status == OC_STATUS_FINISHED
        && oc_grok_results_get_run (c->grok, i)->received)
      g_array_append_val (c->grok_runs, i);
  return TRUE;
}

/* The run a figure shows unless told: the first that found the rule (the story), else the
 * first finished. */
static guint
default_grok_run (const OcFigureCatalog *c)
{
  for (guint i = 0; i < c->grok_runs->len; i++)
    {
      guint k = g_array_index (c->grok_runs, guint, i);

      if (oc_grok_results_get_run (c->grok, k)->generalised >= 0)
        return k;
    }
  return g_array_index (c->grok_runs, guint, 0);
}

/* ---- Parameters ---- */

static const char *
param_key (const OcFigureCatalog *c, ParamId id)
{
  switch (id)
    {
    case PARAM_GROUP:
      return c->mode == OC_SWEEP_MODE_SAMPLE ? "n" : c->mode == OC_SWEEP_MODE_NOISE ? "noise"
                                                                                     : "width";
    case PARAM_LEVEL:
      return "level";
    case PARAM_SORT:
      return "sort";
    case PARAM_SEED:
      return "seed";
    case PARAM_FIELD:
      return "field";
    case PARAM_AT:
      return "at";
    case PARAM_RUN:
      return "run";
    case PARAM_WITH:
      return "with";
    case PARAM_EPOCH_AXIS:
      return "epoch-axis";
    case PARAM_LAYER:
    default:
      return "layer";
    }
}

static const char *
group_word (const OcFigureCatalog *c)
{
  return c->mode == OC_SWEEP_MODE_SAMPLE  ? _("training-set size")
         : c->mode == OC_SWEEP_MODE_NOISE ? _("label-noise level")
                                          : _("width");
}

static double
group_key (const OcFigureCatalog *c, guint k)
{
  return g_array_index (c->groups, OcSweepGroup, k).key;
}

/* The group a learning curve shows unless told: the one with the highest mean test error, the
 * peak of the double descent, which is the point one clicks first. */
static guint
default_group (const OcFigureCatalog *c)
{
  guint best = g_array_index (c->finished, guint, 0);

  for (guint i = 1; i < c->finished->len; i++)
    {
      guint k = g_array_index (c->finished, guint, i);

      if (g_array_index (c->groups, OcSweepGroup, k).test_error
          > g_array_index (c->groups, OcSweepGroup, best).test_error)
        best = k;
    }
  return best;
}

/* "one seed, 0 to 15, or all (mean and min–max over seeds)". */
static char *
describe_seeds (const OcFigureCatalog *c)
{
  OcSweepGrid *grid = oc_sweep_results_get_grid (c->sweep);
  g_autoptr (GArray) seeds = g_array_new (FALSE, FALSE, sizeof (guint64));
  GString *s = g_string_new (_("one seed, "));
  gboolean run = TRUE;

  for (guint i = 0; i < oc_sweep_grid_get_n_points (grid); i++)
    {
      guint64 seed = oc_sweep_results_get_seed (c->sweep, i);
      guint k;

      for (k = 0; k < seeds->len && g_array_index (seeds, guint64, k) != seed; k++)
        ;
      if (k == seeds->len)
        g_array_append_val (seeds, seed);
    }
  for (guint k = 1; k < seeds->len; k++)
    run = run && g_array_index (seeds, guint64, k) == g_array_index (seeds, guint64, k - 1) + 1;
  if (run && seeds->len > 2)
    g_string_append_printf (s, "%" G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT,
                            g_array_index (seeds, guint64, 0),
                            g_array_index (seeds, guint64, seeds->len - 1));
  else
    for (guint k = 0; k < seeds->len; k++)
      g_string_append_printf (s, "%s%" G_GUINT64_FORMAT, k > 0 ? ", " : "",
                              g_array_index (seeds, guint64, k));
  g_string_append (s, _(", or all (mean and min–max over seeds)"));
  return g_string_free (s, FALSE);
}

static void
describe_params (OcFigureCatalog *c)
{
  if (c->kind == KIND_SWEEP && c->finished->len > 0)
    {
      GString *s = g_string_new (NULL);

      g_string_append (s, c->mode == OC_SWEEP_MODE_SAMPLE  ? _("a training-set size n: ")
                          : c->mode == OC_SWEEP_MODE_NOISE ? _("a label-noise fraction: ")
                                                           : _("a hidden width: "));
      for (guint i = 0; i < c->finished->len; i++)
        g_string_append_printf (s, "%s%g", i > 0 ? ", " : "",
                                group_key (c, g_array_index (c->finished, guint, i)));
      c->param_help[PARAM_GROUP] = g_string_free (s, FALSE);
      c->defaults[PARAM_GROUP] = g_strdup_printf ("%g", group_key (c, default_group (c)));
      c->param_help[PARAM_SEED] = describe_seeds (c);
      c->defaults[PARAM_SEED] = g_strdup ("all");
    }
  if (c->kind == KIND_PRUNE && c->levels->len > 0)
    {
      guint lo = g_array_index (c->levels, guint, 0);
      guint hi = g_array_index (c->levels, guint, c->levels->len - 1);
      const OcPruneLevel *first = oc_prune_results_imp (c->prune, lo);

      c->param_help[PARAM_LEVEL] = hi - lo + 1 == c->levels->len
                                     ? g_strdup_printf (_("an IMP level with stored weights, %u to "
                                                        "%u"), lo, hi)
                                     : g_strdup_printf (_("an IMP level with stored weights (%u of "
                                                        "%u to %u)"), c->levels->len, lo, hi);
      /* The Pruning page follows the newest level. */
      c->defaults[PARAM_LEVEL] = g_strdup_printf ("%u", hi);
      c->param_help[PARAM_LAYER] = g_strdup_printf (_("a weight layer, 0 to %u; 0 is the first, "
                                                    "%u→%u"), c->n_layers - 1,
                                                    first->row->sizes[0], first->row->sizes[1]);
      c->defaults[PARAM_LAYER] = g_strdup ("0");
    }
  c->param_help[PARAM_EPOCH_AXIS] = g_strdup (_("auto (log when the recorded epochs span more "
                                              "than a decade), linear or log"));
  c->defaults[PARAM_EPOCH_AXIS] = g_strdup (oc_sweep_epoch_axis_to_string (
    OC_SWEEP_EPOCH_AXIS_AUTO));
  c->param_help[PARAM_SORT] = g_strdup (_("inputs (most surviving inputs first) or norm (largest "
                                        "norm of the surviving trained weights first)"));
  c->defaults[PARAM_SORT] = g_strdup (oc_prune_sort_to_string (OC_PRUNE_SORT_INPUTS));
  if (c->kind == KIND_LANDSCAPE)
    {
      c->param_help[PARAM_FIELD] = g_strdup (_("train-loss, train-error, test-loss or "
                                             "test-error"));
      c->defaults[PARAM_FIELD] = g_strdup ("train-loss");
      if (oc_landscape_results_has_trajectory (c->landscape))
        {
          guint n = c->landscape->n_trajectory;

          c->param_help[PARAM_AT] = g_strdup_printf (_("a position along the trajectory, 0 (θ₀, "
                                                     "iteration 0) to %u (θ_T, iteration %d); "
                                                     "fractions move between checkpoints"),
                                                     n - 1,
                                                     c->landscape->trajectory_iteration[n - 1]);
          c->defaults[PARAM_AT] = g_strdup_printf ("%u", n - 1);
        }
    }
  if (c->kind == KIND_GROK && c->grok_runs->len > 0)
    {
      GString *s = g_string_new (_("a finished run as train fraction/weight decay/seed: "));

      for (guint i = 0; i < c->grok_runs->len; i++)
        {
          g_autofree char *name = grok_run_name (
            oc_grok_results_get_run (c->grok, g_array_index (c->grok_runs, guint, i)));

          g_string_append_printf (s, "%s%s", i > 0 ? ", " : "", name);
        }
      c->param_help[PARAM_RUN] = g_string_free (s, FALSE);
      c->defaults[PARAM_RUN] = grok_run_name (oc_grok_results_get_run (c->grok,
                                                                        default_grok_run (c)));
    }
  if (c->kind == KIND_PRUNE)
    {
      c->param_help[PARAM_WITH] = g_strdup (_("other prune experiments of the same store, IDs or "
                                            "unique prefixes separated by commas (e.g. an IMP "
                                            "run and an edge-popup run)"));
      c->defaults[PARAM_WITH] = g_strdup ("");
    }
  for (guint p = 0; p < N_PARAMS; p++)
    {
      if (c->param_help[p] == NULL)
        c->param_help[p] = g_strdup (_("none yet: nothing has finished"));
      if (c->defaults[p] == NULL)
        c->defaults[p] = g_strdup ("");
    }
}

/* with=ID,ID: loads each prune experiment's results into the catalogue. */
static gboolean
parse_with (OcFigureCatalog *c, const char *text, Args *a, GError **error)
{
  g_auto (GStrv) ids = g_strsplit (text, ",", -1);
  g_autoptr (GPtrArray) loaded = g_ptr_array_new_with_free_func (
    (GDestroyNotify) oc_prune_results_free);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr (OcStoreExperiment) exp = NULL;
      g_autoptr (OcSpec) spec = NULL;
      g_autoptr (OcPruneResults) r = NULL;
      g_autoptr (GError) local = NULL;

      g_strstrip (ids[i]);
      if (ids[i][0] == '\0')
        {
          g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT, _("parameter with=%s: an empty "
                       "ID; expected %s"), text, c->param_help[PARAM_WITH]);
          return FALSE;
        }
      exp = oc_store_find_experiment (c->store, ids[i], &local);
      if (exp == NULL)
        {
          g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT, _("parameter with=%s: %s"),
                       text, local->message);
          return FALSE;
        }
      if (g_strcmp0 (exp->kind, "prune") != 0)
        {
          g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT, _("parameter with=%s: "
                       "experiment %s is a %s experiment; the methods figure combines prune "
                       "experiments"), text, exp->id, exp->kind);
          return FALSE;
        }
      if (strcmp (exp->id, c->exp->id) == 0)
        continue;
      spec = oc_spec_new_from_json (exp->spec, -1, NULL, &local);
      if (spec != NULL)
        r = oc_prune_results_new (spec, &local);
      if (r == NULL || oc_prune_results_load (r, c->store, &local) < 0)
        {
          g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT, _("parameter with=%s: "
                       "experiment %s: %s"), text, exp->id, local->message);
          return FALSE;
        }
      g_ptr_array_add (loaded, g_steal_pointer (&r));
    }
  g_clear_pointer (&c->with, g_ptr_array_unref);
  c->with = g_steal_pointer (&loaded);
  a->with = c->with;
  return TRUE;
}

static gboolean
parse_param (OcFigureCatalog *c, ParamId id, const char *text, Args *a, GError **error)
{
  const char *key = param_key (c, id);
  gboolean any = id == PARAM_GROUP || id == PARAM_SEED ? c->finished->len > 0
                 : id == PARAM_FIELD || id == PARAM_EPOCH_AXIS ? TRUE
                 : id == PARAM_AT  ? oc_landscape_results_has_trajectory (c->landscape)
                 : id == PARAM_RUN ? c->grok_runs->len > 0
                                   : c->levels->len > 0;
  guint64 v;

  if (id == PARAM_WITH)
    return text[0] == '\0' || parse_with (c, text, a, error);
  if (id == PARAM_SEED)
    {
      if (any && strcmp (text, "all") == 0)
        {
          a->one_seed = FALSE;
          return TRUE;
        }
      if (any && g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, &v, NULL))
        {
          /* Which run that is depends on the group, which may come later: resolve_args. */
          a->one_seed = TRUE;
          a->seed = v;
          return TRUE;
        }
    }
  else if (id == PARAM_FIELD)
    {
      if (oc_landscape_field_from_string (text, &a->field))
        return TRUE;
    }
  else if (id == PARAM_AT)
    {
      char *end;
      double t = g_ascii_strtod (text, &end);

      if (any && end != text && *end == '\0' && t >= 0
          && t <= c->landscape->n_trajectory - 1)
        {
          a->at = t;
          return TRUE;
        }
    }
  else if (id == PARAM_GROUP)
    {
      char *end;
      double x = g_ascii_strtod (text, &end);

      for (guint i = 0; end != text && *end == '\0' && i < c->finished->len; i++)
        if (group_key (c, g_array_index (c->finished, guint, i)) == x)
          {
            a->group = g_array_index (c->finished, guint, i);
            return TRUE;
          }
    }
  else if (id == PARAM_RUN)
    {
      for (guint i = 0; i < c->grok_runs->len; i++)
        {
          guint k = g_array_index (c->grok_runs, guint, i);
          g_autofree char *name = grok_run_name (oc_grok_results_get_run (c->grok, k));

          if (strcmp (name, text) == 0)
            {
              a->run = k;
              return TRUE;
            }
        }
    }
  else if (id == PARAM_EPOCH_AXIS)
    {
      if (oc_sweep_epoch_axis_from_string (text, &a->epoch_axis))
        return TRUE;
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT, _("parameter %s=%s: expected %s"),
                   key, text, c->param_help[id]);
      return FALSE;
    }
  else if (id == PARAM_SORT)
    {
      if (oc_prune_sort_from_string (text, &a->sort))
        return TRUE;
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT, _("parameter %s=%s: expected %s"),
                   key, text, c->param_help[id]);
      return FALSE;
    }
  else if (id == PARAM_LEVEL)
    {
      if (g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &v, NULL))
        for (guint i = 0; i < c->levels->len; i++)
          if (g_array_index (c->levels, guint, i) == v)
            {
              a->level = (guint) v;
              return TRUE;
            }
    }
  else if (any && g_ascii_string_to_unsigned (text, 10, 0, c->n_layers - 1, &v, NULL))
    {
      a->layer = (guint) v;
      return TRUE;
    }
  if (!any)
    g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                 _("parameter %s=%s: experiment %s has no values for it yet: nothing has finished"),
                 key, text, c->exp->id);
  else
    g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT, _("parameter %s=%s: expected %s"), key,
                 text, c->param_help[id]);
  return FALSE;
}

/* Defaults first, then each KEY=VALUE of @params; every key at most once. */
static gboolean
resolve_args (OcFigureCatalog *c, const Entry *e, const char *const *params, Args *a,
              GError **error)
{
  gboolean given[N_PARAMS] = { FALSE };

  memset (a, 0, sizeof *a);
  a->field = OC_LANDSCAPE_TRAIN_LOSS;
  a->at = NAN;
  if (c->kind == KIND_SWEEP && c->finished->len > 0)
    a->group = default_group (c);
  if (c->kind == KIND_PRUNE && c->levels->len > 0)
    a->level = g_array_index (c->levels, guint, c->levels->len - 1);
  if (c->kind == KIND_GROK && c->grok_runs->len > 0)
    a->run = default_grok_run (c);
  for (guint i = 0; params != NULL && params[i] != NULL; i++)
    {
      const char *eq = strchr (params[i], '=');
      g_autofree char *key = eq != NULL ? g_strndup (params[i], (gsize) (eq - params[i])) : NULL;
      guint p;

      if (eq == NULL || eq == params[i])
        {
          g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                       _("parameter '%s': expected KEY=VALUE, like %s=%s"), params[i],
                       e->n_params > 0 ? param_key (c, e->params[0]) : "level",
                       e->n_params > 0 ? c->defaults[e->params[0]] : "0");
          return FALSE;
        }
      for (p = 0; p < e->n_params; p++)
        if (strcmp (key, param_key (c, e->params[p])) == 0)
          break;
      if (p == e->n_params)
        {
          if (e->n_params == 0)
            g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                         _("parameter '%s': %s takes no parameters"), params[i], e->name);
          else
            g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                         _("parameter '%s': %s takes %s%s%s"), params[i], e->name,
                         param_key (c, e->params[0]), e->n_params > 1 ? " and " : "",
                         e->n_params > 1 ? param_key (c, e->params[1]) : "");
          return FALSE;
        }
      if (given[e->params[p]])
        {
          g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                       _("parameter %s is given twice"), key);
          return FALSE;
        }
      given[e->params[p]] = TRUE;
      if (!parse_param (c, e->params[p], eq + 1, a, error))
        return FALSE;
    }
  a->point = -1;
  if (a->one_seed)
    {
      const OcSweepGroup *g = &g_array_index (c->groups, OcSweepGroup, a->group);
      g_autofree char *name = oc_sweep_group_name (c->mode, g, FALSE);

      for (guint m = 0; m < g->members->len && a->point < 0; m++)
        {
          guint i = g_array_index (g->members, guint, m);

          if (oc_sweep_results_get_seed (c->sweep, i) == a->seed
              && oc_sweep_results_get (c->sweep, i)->point->status == OC_STATUS_FINISHED)
            a->point = (int) i;
        }
      if (a->point < 0)
        {
          g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                       _("parameter seed=%" PRIu64 ": %s has no finished run of that "
                       "seed; expected %s"), a->seed, name, c->param_help[PARAM_SEED]);
          return FALSE;
        }
    }
  return TRUE;
}

/* ---- The catalogue ---- */

static char *
expand (const OcFigureCatalog *c, const char *text)
{
  GString *s = g_string_new (text);

  if (c->kind == KIND_SWEEP)
    {
      g_string_replace (s, "{x}", oc_sweep_mode_axis_label (c->mode), 0);
      g_string_replace (s, "{group}", group_word (c), 0);
    }
  return g_string_free (s, FALSE);
}

static void
build_infos (OcFigureCatalog *c)
{
  c->entries = g_ptr_array_new ();
  c->infos = g_array_new (FALSE, TRUE, sizeof (OcFigureInfo));
  c->strings = g_ptr_array_new_with_free_func (g_free);
  describe_params (c);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      const Entry *e = &entries[i];
      OcFigureInfo info = { e->name, NULL, NULL, e->n_params };
      OcFigureParam *params;

      if (e->kind != c->kind)
        continue;
      info.description = expand (c, _(e->description));
      g_ptr_array_add (c->strings, (char *) info.description);
      params = g_new0 (OcFigureParam, MAX (e->n_params, 1));
      for (guint p = 0; p < e->n_params; p++)
        {
          params[p].key = param_key (c, e->params[p]);
          params[p].description = c->param_help[e->params[p]];
          params[p].default_value = c->defaults[e->params[p]];
        }
      info.params = params;
      g_ptr_array_add (c->strings, params);
      g_ptr_array_add (c->entries, (gpointer) e);
      g_array_append_val (c->infos, info);
    }
}

OcFigureCatalog *
oc_figure_catalog_new (OcStore *store, const char *experiment_id, GError **error)
{
  g_autoptr (OcFigureCatalog) c = g_new0 (OcFigureCatalog, 1);
  gboolean ok = FALSE;
  guint k;

  g_return_val_if_fail (store != NULL && experiment_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  c->store = store;
  c->exp = oc_store_find_experiment (store, experiment_id, error);
  if (c->exp == NULL)
    return NULL;
  for (k = 0; k < G_N_ELEMENTS (kind_names); k++)
    if (g_strcmp0 (c->exp->kind, kind_names[k]) == 0)
      break;
  if (k == G_N_ELEMENTS (kind_names))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("experiment %s is a %s experiment, which has no figures here; figures are "
                   "drawn for sweep, rff, prune, train, landscape, instability and grok "
                   "experiments"), c->exp->id,
                   c->exp->kind);
      return NULL;
    }
  c->kind = (Kind) k;
  c->spec = oc_spec_new_from_json (c->exp->spec, -1, NULL, error);
  if (c->spec == NULL)
    {
      g_prefix_error (error, _("experiment %s: "), c->exp->id);
      return NULL;
    }
  switch (c->kind)
    {
    case KIND_SWEEP:
    case KIND_RFF:
      ok = load_sweep (c, store, error);
      break;
    case KIND_PRUNE:
      ok = load_prune (c, store, error);
      break;
    case KIND_LANDSCAPE:
      ok = load_landscape (c, store, error);
      break;
    case KIND_INSTABILITY:
      c->instability = oc_instability_results_load (store, c->exp->id, error);
      ok = c->instability != NULL;
      break;
    case KIND_GROK:
      ok = load_grok (c, store, error);
      break;
    case KIND_TRAIN:
    default:
      ok = load_train (c, store, error);
      break;
    }
  if (!ok)
    return NULL;
  build_infos (c);
  return g_steal_pointer (&c);
}

void
oc_figure_catalog_free (OcFigureCatalog *c)
{
  if (c == NULL)
    return;
  g_clear_pointer (&c->exp, oc_store_experiment_free);
  g_clear_pointer (&c->spec, oc_spec_free);
  g_clear_pointer (&c->sweep, oc_sweep_results_free);
  g_clear_pointer (&c->groups, g_array_unref);
  g_clear_pointer (&c->finished, g_array_unref);
  g_clear_pointer (&c->prune, oc_prune_results_free);
  g_clear_pointer (&c->instability, oc_instability_results_free);
  g_clear_pointer (&c->with, g_ptr_array_unref);
  g_clear_pointer (&c->levels, g_array_unref);
  g_clear_pointer (&c->landscape, oc_landscape_results_free);
  g_clear_pointer (&c->grok, oc_grok_results_free);
  g_clear_pointer (&c->grok_runs, g_array_unref);
  g_clear_pointer (&c->point, oc_store_point_free);
  g_clear_pointer (&c->model, oc_mlp_free);
  g_clear_pointer (&c->data, oc_dataset_free);
  g_free (c->no_model);
  g_free (c->no_data);
  g_clear_pointer (&c->boundary_thetas, oc_npy_array_free);
  g_free (c->no_snapshots);
  g_clear_pointer (&c->entries, g_ptr_array_unref);
  g_clear_pointer (&c->infos, g_array_unref);
  g_clear_pointer (&c->strings, g_ptr_array_unref);
  g_clear_pointer (&c->listed, g_ptr_array_unref);
  g_clear_pointer (&c->animated, g_ptr_array_unref);
  g_clear_pointer (&c->frame_order, g_array_unref);
  g_clear_pointer (&c->frame_ends, g_array_unref);
  g_clear_pointer (&c->frame_sweep, oc_sweep_results_free);
  g_free (c->frame_key);
  for (guint p = 0; p < N_PARAMS; p++)
    {
      g_free (c->defaults[p]);
      g_free (c->param_help[p]);
    }
  g_free (c);
}

const OcStoreExperiment *
oc_figure_catalog_get_experiment (const OcFigureCatalog *c)
{
  g_return_val_if_fail (c != NULL, NULL);

  return c->exp;
}

const char *
oc_figure_catalog_get_main (const OcFigureCatalog *c)
{
  g_return_val_if_fail (c != NULL, NULL);

  /* A landscape without a plane has its line. */
  if (c->kind == KIND_LANDSCAPE && !oc_landscape_results_has_plane (c->landscape))
    return "profile";
  return main_names[c->kind];
}

GPtrArray *
oc_figure_catalog_list (OcFigureCatalog *c)
{
  g_return_val_if_fail (c != NULL, NULL);

  if (c->listed != NULL)
    return c->listed;
  c->listed = g_ptr_array_new ();
  for (guint i = 0; i < c->entries->len; i++)
    {
      const Entry *e = c->entries->pdata[i];
      g_autoptr (OcPlotFigure) f = NULL;
      Args a;

      if (resolve_args (c, e, NULL, &a, NULL) && (f = build_entry (c, e, &a, NULL)) != NULL)
        g_ptr_array_add (c->listed, &g_array_index (c->infos, OcFigureInfo, i));
    }
  return c->listed;
}

static char *
listed_names (OcFigureCatalog *c)
{
  GPtrArray *listed = oc_figure_catalog_list (c);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < listed->len; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? ", " : "",
                            ((const OcFigureInfo *) listed->pdata[i])->name);
  return g_string_free (s, FALSE);
}

/* The entry of figure @name, or NULL with an error listing the figures there are. */
static const Entry *
find_entry (OcFigureCatalog *c, const char *name, GError **error)
{
  g_autofree char *names = NULL;

  for (guint i = 0; i < c->entries->len; i++)
    if (strcmp (((const Entry *) c->entries->pdata[i])->name, name) == 0)
      return c->entries->pdata[i];
  if (error == NULL)
    return NULL;
  names = listed_names (c);
  g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
               _("experiment %s (%s) has no figure '%s'; %s%s"), c->exp->id, c->exp->kind, name,
               names[0] != '\0' ? "its figures: " : "it has none to draw yet", names);
  return NULL;
}

OcPlotFigure *
oc_figure_catalog_build (OcFigureCatalog *c, const char *name, const char *const *params,
                         GError **error)
{
  g_autoptr (GError) local = NULL;
  const Entry *e;
  OcPlotFigure *f;
  Args a;

  g_return_val_if_fail (c != NULL && name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  e = find_entry (c, name, error);
  if (e == NULL)
    return NULL;
  if (!resolve_args (c, e, params, &a, error))
    return NULL;
  f = build_entry (c, e, &a, &local);
  if (f != NULL)
    return f;
  if (g_error_matches (local, OC_ERROR, OC_ERROR_NO_MEMORY))
    g_propagate_error (error, g_steal_pointer (&local));
  else
    g_set_error (error, OC_ERROR, OC_ERROR_NOT_FOUND, _("experiment %s: %s has nothing to draw: %s"),
                 c->exp->id, name, local != NULL ? local->message : _(e->needs));
  return NULL;
}

/* ---- Frames ---- */

/* Replay frames between two recorded steps of the trajectory: the ball glides rather than
 * jumps (the replay figure takes fractional positions). */
#define TRAJECTORY_SUBSTEPS 4

static const struct
{
  Kind           kind;
  const char    *name;
  OcFigureFrames frames;
} animated[] = {
  { KIND_SWEEP, "double-descent", OC_FIGURE_FRAMES_POINTS },
  { KIND_SWEEP, "learning-curve", OC_FIGURE_FRAMES_EVALUATIONS },
  { KIND_SWEEP, "seed-distribution", OC_FIGURE_FRAMES_POINTS },
  { KIND_SWEEP, "norms", OC_FIGURE_FRAMES_POINTS },
  { KIND_RFF, "random-features", OC_FIGURE_FRAMES_POINTS },
  { KIND_RFF, "coefficient-norm", OC_FIGURE_FRAMES_POINTS },
  { KIND_RFF, "norms", OC_FIGURE_FRAMES_POINTS },
  { KIND_PRUNE, "weight-histogram", OC_FIGURE_FRAMES_LEVELS },
  { KIND_PRUNE, "weight-scatter", OC_FIGURE_FRAMES_LEVELS },
  { KIND_PRUNE, "receptive-fields", OC_FIGURE_FRAMES_LEVELS },
  { KIND_PRUNE, "input-fan-out", OC_FIGURE_FRAMES_LEVELS },
  { KIND_PRUNE, "mask", OC_FIGURE_FRAMES_LEVELS },
  { KIND_TRAIN, "learning-curves", OC_FIGURE_FRAMES_EVALUATIONS },
  { KIND_TRAIN, "decision-boundary", OC_FIGURE_FRAMES_SNAPSHOTS },
  { KIND_LANDSCAPE, "replay", OC_FIGURE_FRAMES_TRAJECTORY },
};

const char *
oc_figure_frames_to_string (OcFigureFrames frames)
{
  static const char *const names[] = { NULL, "points", "evaluations", "levels", "trajectory",
                                       "snapshots" };

  return (guint) frames < G_N_ELEMENTS (names) ? names[frames] : NULL;
}

OcFigureFrames
oc_figure_catalog_get_frames (const OcFigureCatalog *c, const char *name)
{
  g_return_val_if_fail (c != NULL && name != NULL, OC_FIGURE_FRAMES_NONE);

  for (guint i = 0; i < G_N_ELEMENTS (animated); i++)
    if (animated[i].kind == c->kind && strcmp (animated[i].name, name) == 0)
      return animated[i].frames;
  return OC_FIGURE_FRAMES_NONE;
}

GPtrArray *
oc_figure_catalog_list_animated (OcFigureCatalog *c)
{
  GPtrArray *listed;

  g_return_val_if_fail (c != NULL, NULL);

  if (c->animated != NULL)
    return c->animated;
  listed = oc_figure_catalog_list (c);
  c->animated = g_ptr_array_new ();
  for (guint i = 0; i < listed->len; i++)
    {
      OcFigureFrames frames = oc_figure_catalog_get_frames (
        c, ((const OcFigureInfo *) listed->pdata[i])->name);

      /* A run stored before the boundary snapshots draws its boundary once. */
      if (frames != OC_FIGURE_FRAMES_NONE
          && (frames != OC_FIGURE_FRAMES_SNAPSHOTS || c->boundary_thetas != NULL))
        g_ptr_array_add (c->animated, listed->pdata[i]);
    }
  return c->animated;
}

/* When a point ended, to within its wall time: the start (whole seconds) plus the seconds it
 * ran; NaN without a start. */
static double
end_time (const OcStorePoint *p)
{
  g_autoptr (GDateTime) t = p->started != NULL ? g_date_time_new_from_iso8601 (p->started, NULL)
                                                : NULL;

  return t != NULL ? (double) g_date_time_to_unix (t) + p->seconds : NAN;
}

static int
compare_by_end (gconstpointer a, gconstpointer b, gpointer data)
{
  const OcSweepResults *r = data;
  guint i = *(const guint *) a, j = *(const guint *) b;
  const OcStorePoint *p = oc_sweep_results_get (r, i)->point;
  const OcStorePoint *q = oc_sweep_results_get (r, j)->point;
  int order = g_strcmp0 (p->finished, q->finished);
  double x, y;

  if (order != 0)
    return order;
  /* The store's times are whole seconds: points that ended within the same second go by start
   * plus wall time, then in the grid's order. */
  x = end_time (p);
  y = end_time (q);
  if (x != y && !isnan (x) && !isnan (y))
    return (x > y) - (x < y);
  return (i > j) - (i < j);
}

/* The sweep's points with results in the order they ended; a frame ends at each finished one
 * (a failed point joins the frame of the next finished one). */
static void
ensure_point_order (OcFigureCatalog *c)
{
  guint n = oc_sweep_grid_get_n_points (oc_sweep_results_get_grid (c->sweep));

  if (c->frame_order != NULL)
    return;
  c->frame_order = g_array_new (FALSE, FALSE, sizeof (guint));
  c->frame_ends = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < n; i++)
    if (oc_sweep_results_get (c->sweep, i) != NULL)
      g_array_append_val (c->frame_order, i);
  g_array_sort_with_data (c->frame_order, compare_by_end, c->sweep);
  for (guint k = 0; k < c->frame_order->len; k++)
    {
      guint i = g_array_index (c->frame_order, guint, k), end = k + 1;

      if (oc_sweep_results_get (c->sweep, i)->point->status == OC_STATUS_FINISHED)
        g_array_append_val (c->frame_ends, end);
    }
}

/* The stored points whose curves an evaluations frame cuts: the train run's, or the members
 * of the learning curve's group (one seed of it with seed=). */
static GPtrArray *
curve_points (const OcFigureCatalog *c, const Args *a)
{
  GPtrArray *points = g_ptr_array_new ();

  if (c->kind == KIND_TRAIN)
    {
      if (c->point != NULL && c->point->evals != NULL)
        g_ptr_array_add (points, c->point);
      return points;
    }
  if (a->point >= 0)
    g_ptr_array_add (points, oc_sweep_results_get (c->sweep, (guint) a->point)->point);
  else if (c->finished->len > 0)
    {
      const OcSweepGroup *g = &g_array_index (c->groups, OcSweepGroup, a->group);

      for (guint m = 0; m < g->members->len; m++)
        {
          const OcSweepEntry *entry = oc_sweep_results_get (c->sweep,
                                                            g_array_index (g->members, guint, m));

          if (entry != NULL && entry->point->evals != NULL)
            g_ptr_array_add (points, entry->point);
        }
    }
  return points;
}

static guint
count_frames (OcFigureCatalog *c, OcFigureFrames frames, const Args *a)
{
  g_autoptr (GPtrArray) points = NULL;
  guint n = 0;

  switch (frames)
    {
    case OC_FIGURE_FRAMES_POINTS:
      ensure_point_order (c);
      return c->frame_ends->len;
    case OC_FIGURE_FRAMES_EVALUATIONS:
      points = curve_points (c, a);
      for (guint i = 0; i < points->len; i++)
        n = MAX (n, ((OcStorePoint *) points->pdata[i])->evals->len);
      return n;
    case OC_FIGURE_FRAMES_LEVELS:
      return c->levels->len;
    case OC_FIGURE_FRAMES_SNAPSHOTS:
      return c->boundary_thetas != NULL ? (guint) c->boundary_thetas->shape[0] : 0;
    case OC_FIGURE_FRAMES_TRAJECTORY:
      return oc_landscape_results_has_trajectory (c->landscape) && c->landscape->n_trajectory > 0
               ? (c->landscape->n_trajectory - 1) * TRAJECTORY_SUBSTEPS + 1
               : 0;
    case OC_FIGURE_FRAMES_NONE:
    default:
      return 0;
    }
}

/* The figure with the points of the first @frame + 1 frames only. */
static OcPlotFigure *
build_points_frame (OcFigureCatalog *c, const Entry *e, const Args *a, guint frame,
                    GError **error)
{
  guint need = g_array_index (c->frame_ends, guint, frame);
  OcSweepResults *sweep = c->sweep;
  GArray *groups = c->groups, *finished = c->finished;
  OcPlotFigure *f;

  if (c->frame_sweep == NULL || c->frame_added > need)
    {
      g_clear_pointer (&c->frame_sweep, oc_sweep_results_free);
      c->frame_sweep = oc_sweep_results_new (oc_sweep_results_get_grid (c->sweep));
      c->frame_added = 0;
    }
  /* Added one at a time as the frames advance, as the Sweep page receives them. */
  for (; c->frame_added < need; c->frame_added++)
    {
      guint i = g_array_index (c->frame_order, guint, c->frame_added);
      const OcSweepEntry *entry = oc_sweep_results_get (c->sweep, i);

      oc_sweep_results_set (c->frame_sweep, i, oc_store_point_dup (entry->point),
                            entry->coef_norm, entry->condition, &entry->norms);
    }
  /* The builders read the catalogue's results: lend them the frame's for one call. */
  c->sweep = c->frame_sweep;
  c->groups = oc_sweep_results_groups (c->frame_sweep, c->mode);
  c->finished = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint k = 0; k < c->groups->len; k++)
    if (g_array_index (c->groups, OcSweepGroup, k).n > 0)
      g_array_append_val (c->finished, k);
  f = build_entry (c, e, a, error);
  g_array_unref (c->groups);
  g_array_unref (c->finished);
  c->sweep = sweep;
  c->groups = groups;
  c->finished = finished;
  return f;
}

/* The figure with the first @frame + 1 evaluations of each curve. */
static OcPlotFigure *
build_evaluations_frame (OcFigureCatalog *c, const Entry *e, const Args *a, guint frame,
                         GError **error)
{
  g_autoptr (GPtrArray) points = curve_points (c, a);
  g_autoptr (GPtrArray) whole = g_ptr_array_new ();
  OcPlotFigure *f;

  for (guint i = 0; i < points->len; i++)
    {
      OcStorePoint *p = points->pdata[i];
      GArray *cut = g_array_sized_new (FALSE, FALSE, sizeof (OcEvalPoint), frame + 1);

      g_array_append_vals (cut, p->evals->data, MIN (p->evals->len, frame + 1));
      g_ptr_array_add (whole, p->evals);
      p->evals = cut;
    }
  f = build_entry (c, e, a, error);
  for (guint i = 0; i < points->len; i++)
    {
      OcStorePoint *p = points->pdata[i];

      g_array_unref (p->evals);
      p->evals = whole->pdata[i];
    }
  return f;
}

/* The decision boundary of the θ kept at the @frame-th snapshot, by the final figure's builder:
 * the model lent to it is the catalogue's with that row as its parameters. */
static OcPlotFigure *
build_snapshot_frame (OcFigureCatalog *c, const Entry *e, const Args *a, guint frame,
                      GError **error)
{
  g_autofree float *theta_final = NULL;
  gsize n = c->model->n_params;
  OcPlotFigure *f;

  theta_final = g_memdup2 (c->model->params, n * sizeof (float));
  memcpy (c->model->params, (const float *) c->boundary_thetas->data + (gsize) frame * n,
          n * sizeof (float));
  f = build_entry (c, e, a, error);
  memcpy (c->model->params, theta_final, n * sizeof (float));
  return f;
}

/* The x extent of the final figure's data, which growing frames cover so that their x axis is
 * the final figure's. */
static void
x_extent (const OcPlotFigure *f, double *x0, double *x1)
{
  *x0 = INFINITY;
  *x1 = -INFINITY;
  for (guint s = 0; oc_plot_figure_get_kind (f) == OC_PLOT_KIND_XY
                    && s < oc_plot_figure_get_n_series (f); s++)
    {
      const double *x, *y;
      gsize n = oc_plot_figure_get_series_data (f, s, &x, &y);

      for (gsize i = 0; i < n; i++)
        if (isfinite (x[i]) && isfinite (y[i]))
          {
            *x0 = MIN (*x0, x[i]);
            *x1 = MAX (*x1, x[i]);
          }
    }
  if (!(*x1 > *x0))
    *x0 = *x1 = NAN;
}

/* Resolves figure @name's frames: its entry, arguments and frame count, with the final figure
 * built once to check it draws and to measure its x range. */
static guint
resolve_frames (OcFigureCatalog *c, const char *name, const char *const *params,
                const Entry **e, Args *a, GError **error)
{
  OcFigureFrames frames;
  const char *stepped;
  g_autofree char *key = NULL;
  guint n;

  *e = find_entry (c, name, error);
  if (*e == NULL)
    return 0;
  frames = oc_figure_catalog_get_frames (c, name);
  if (frames == OC_FIGURE_FRAMES_NONE)
    {
      GPtrArray *list = oc_figure_catalog_list_animated (c);
      GString *names = g_string_new (NULL);

      for (guint i = 0; i < list->len; i++)
        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "",
                                ((const OcFigureInfo *) list->pdata[i])->name);
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("figure %s of experiment %s draws once and has no frames to animate; %s%s"),
                   name, c->exp->id, names->len > 0 ? "its animated figures: "
                                                    : "it has no animated figures", names->str);
      g_string_free (names, TRUE);
      return 0;
    }
  stepped = frames == OC_FIGURE_FRAMES_LEVELS       ? "level"
            : frames == OC_FIGURE_FRAMES_TRAJECTORY ? "at"
                                                    : NULL;
  for (guint i = 0; stepped != NULL && params != NULL && params[i] != NULL; i++)
    if (g_str_has_prefix (params[i], stepped) && params[i][strlen (stepped)] == '=')
      {
        g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                     _("parameter '%s': the frames of %s step through every %s; leave it out"),
                     params[i], name, stepped);
        return 0;
      }
  key = g_strjoin ("\n", name, "", NULL);
  for (guint i = 0; params != NULL && params[i] != NULL; i++)
    {
      char *longer = g_strconcat (key, params[i], "\n", NULL);

      g_free (key);
      key = longer;
    }
  if (g_strcmp0 (key, c->frame_key) != 0)
    {
      g_autoptr (OcPlotFigure) last = oc_figure_catalog_build (c, name, params, error);

      if (last == NULL)
        return 0;
      x_extent (last, &c->frame_x0, &c->frame_x1);
      g_free (c->frame_key);
      c->frame_key = g_steal_pointer (&key);
    }
  if (!resolve_args (c, *e, params, a, error))
    return 0;
  n = count_frames (c, frames, a);
  if (n == 0 && frames == OC_FIGURE_FRAMES_SNAPSHOTS)
    g_set_error (error, OC_ERROR, OC_ERROR_NOT_FOUND, _("experiment %s: %s has no frames: %s"),
                 c->exp->id, name, c->no_snapshots != NULL ? c->no_snapshots : "");
  else if (n == 0)
    g_set_error (error, OC_ERROR, OC_ERROR_NOT_FOUND, _("experiment %s: %s has no %s to step "
                 "through"), c->exp->id, name, oc_figure_frames_to_string (frames));
  return n;
}

guint
oc_figure_catalog_count_frames (OcFigureCatalog *c, const char *name, const char *const *params,
                                GError **error)
{
  const Entry *e;
  Args a;

  g_return_val_if_fail (c != NULL && name != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return resolve_frames (c, name, params, &e, &a, error);
}

OcPlotFigure *
oc_figure_catalog_build_frame (OcFigureCatalog *c, const char *name, const char *const *params,
                               guint frame, GError **error)
{
  g_autoptr (GError) local = NULL;
  OcFigureFrames frames;
  OcPlotFigure *f = NULL;
  const Entry *e;
  guint n;
  Args a;

  g_return_val_if_fail (c != NULL && name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  n = resolve_frames (c, name, params, &e, &a, error);
  if (n == 0)
    return NULL;
  if (frame >= n)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("frame %u of %s: it has %u frames"), frame, name, n);
      return NULL;
    }
  frames = oc_figure_catalog_get_frames (c, name);
  switch (frames)
    {
    case OC_FIGURE_FRAMES_POINTS:
      f = build_points_frame (c, e, &a, frame, &local);
      break;
    case OC_FIGURE_FRAMES_EVALUATIONS:
      f = build_evaluations_frame (c, e, &a, frame, &local);
      break;
    case OC_FIGURE_FRAMES_LEVELS:
      a.level = g_array_index (c->levels, guint, frame);
      f = build_entry (c, e, &a, &local);
      break;
    case OC_FIGURE_FRAMES_SNAPSHOTS:
      f = build_snapshot_frame (c, e, &a, frame, &local);
      break;
    case OC_FIGURE_FRAMES_TRAJECTORY:
    case OC_FIGURE_FRAMES_NONE:
    default:
      a.at = (double) frame / TRAJECTORY_SUBSTEPS;
      f = build_entry (c, e, &a, &local);
      break;
    }
  if (f == NULL)
    {
      if (g_error_matches (local, OC_ERROR, OC_ERROR_NO_MEMORY))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, OC_ERROR, OC_ERROR_NOT_FOUND, _("experiment %s: frame %u of %s has "
                     "nothing to draw: %s"), c->exp->id, frame, name,
                     local != NULL ? local->message : e->needs);
      return NULL;
    }
  if ((frames == OC_FIGURE_FRAMES_POINTS || frames == OC_FIGURE_FRAMES_EVALUATIONS)
      && isfinite (c->frame_x0) && oc_plot_figure_get_kind (f) == OC_PLOT_KIND_XY)
    oc_plot_figure_set_axis_cover (f, OC_PLOT_AXIS_X, c->frame_x0, c->frame_x1);
  return f;
}
