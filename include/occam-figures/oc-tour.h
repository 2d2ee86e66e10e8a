/* oc-tour.h — the seed tour: the talk's argument as scenes, each an experiment and its figures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scenes, in the order of the talk: a rule or a lookup table (modular addition), the classical
 * U-curve, model-wise double descent, epoch-wise double descent, the random-features peak, the
 * ball rolling downhill, unlucky initialisations of small networks, the lottery ticket with its
 * controls, tickets learning faster, and how far magnitude pruning is from the smallest
 * sub-network. Each scene has a title, a few sentences of narration, the preset it runs (with
 * the changes the scene makes to it) in full and as a quick variant (fewer epochs, levels or
 * widths, for an evening's preparation), the catalogue figures it shows, and the spec kind it
 * needs. Scenes that show the same experiment share it: it is computed once.
 *
 * This is the one home of the scenes; `occam-cli tour` and the window both read it.
 */
#pragma once

#include "occam/oc-spec.h"
#include "occam/oc-store.h"
#include "occam-figures/oc-deck.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;   /* catalogue name: "double-descent" */
  const char *params; /* catalogue parameters, ";"-separated "KEY=VALUE", or NULL; "{also}"
                       * stands for the ID of the scene's second experiment */
  const char *caption; /* one line under the figure (translatable) */
} OcTourFigure;

typedef struct
{
  const char         *kind;      /* spec kind */
  const char         *preset;    /* preset of that kind */
  /* Changes to the preset, "section.name=value;…" as oc_spec_set_field takes them, or NULL. */
  const char         *full;
  const char         *quick;     /* applied after @full for the quick variant */
} OcTourRun;

typedef struct
{
  const char          *id;          /* "double-descent" */
  const char          *title;       /* translatable */
  const char          *narration;   /* 2–4 sentences, translatable */
  const char          *needs;       /* what it needs: "the sweep kind (Sweep page)" */
  const char          *quick_note;  /* what the quick variant leaves out (translatable) */
  OcTourRun            run;       /* the experiment whose figures the scene shows */
  OcTourRun            also;      /* a second experiment its figures draw with ("{also}" in
                                   * a figure's params), or kind NULL */
  const OcTourFigure  *figures;
  guint                n_figures;
} OcTourScene;

/* The scenes in order. */
const OcTourScene *oc_tour_scenes   (guint *n_scenes);
/* The scene called @id, or NULL. */
const OcTourScene *oc_tour_find     (const char *id);

/* The scene's spec, finished: its preset with its changes (and the quick ones with @quick).
 * OC_ERROR_NOT_FOUND when this build lacks the kind or preset (the message says what the scene
 * needs, so the tour can skip it with that note). */
OcSpec            *oc_tour_scene_spec (const OcTourScene *scene, gboolean quick, GError **error);
/* The same for the scene's second experiment; NULL without error when it has none. */
OcSpec            *oc_tour_scene_also_spec (const OcTourScene *scene, gboolean quick,
                                            GError **error);

/* Where a scene stands against a store. */
typedef struct
{
  gboolean available;  /* this build has what the scene needs */
  char    *why_not;    /* when not available: what is missing */
  char    *id;         /* the experiment's ID */
  char    *also_id;    /* the second experiment's, or NULL */
  guint    n_points;   /* of both experiments */
  guint    n_stored;   /* finished in the store */
  double   seconds;    /* estimated compute for the points not stored (all of them: n_stored
                        * = 0), wall-clock on this machine */
  double   run_seconds[2]; /* of that, the first experiment's and the second's (scenes share
                            * experiments: a total counts each ID once) */
} OcTourStatus;

void     oc_tour_status_clear (OcTourStatus *status);

/* The machine's measured training throughput (FLOP/s per thread), measured once per process by
 * a short training on synthetic data; what the estimates divide by. */
double   oc_tour_measure_rate (void);
/* Whether oc_tour_measure_rate() has measured already (it then returns at once). */
gboolean oc_tour_rate_known (void);

/* Fills @status for @scene (its @quick variant) against @store (may be NULL: nothing stored).
 * Estimates count the floating-point work of every point still to compute (by kind, from the
 * spec: examples seen × the network's weights, evaluations included; least squares for random
 * features) and divide it by oc_tour_measure_rate() times the threads the run plan would use. */
gboolean oc_tour_scene_status (const OcTourScene *scene, gboolean quick, OcStore *store,
                               OcTourStatus *status, GError **error);

/* The tour as slides drawn from @store: a title slide, then per scene its narration slide and its
 * figure slides. A scene whose results are not all stored gets, instead of its figures, a slide
 * saying how to prepare it (the occam-cli tour --prepare command, with the estimated time); one
 * this build cannot run gets a slide saying what it needs. Figure slides of quick variants say
 * so. */
typedef struct _OcTourDeck OcTourDeck;

OcTourDeck *oc_tour_deck_new   (OcStore *store, gboolean quick, GError **error);
void        oc_tour_deck_free  (OcTourDeck *deck);
guint       oc_tour_deck_get_n_slides (const OcTourDeck *deck);
/* Scenes left without results (prepare slides instead of figures). */
guint       oc_tour_deck_get_n_missing (const OcTourDeck *deck);
/* Draws slide @index (0-based) into @cr, as oc_deck_slide_draw does. */
void        oc_tour_deck_draw  (const OcTourDeck *deck, guint index, cairo_t *cr, double width,
                                double height);
/* The whole tour as a PDF of @width × @height points. */
GBytes     *oc_tour_deck_render_pdf (const OcTourDeck *deck, double width, double height,
                                     GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcTourDeck, oc_tour_deck_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OcTourStatus, oc_tour_status_clear)

G_END_DECLS
