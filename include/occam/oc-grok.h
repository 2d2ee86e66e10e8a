/* oc-grok.h — memorise or find the rule: the measures of a grokking run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On addition and modular addition a network can store every training pair (a lookup table) or
 * find the rule. A `grok` experiment trains full batch for a long time and records, per
 * evaluation, besides loss and accuracy:
 *
 *   - ‖θ‖₂ (oc_mlp_l2_norm): weight decay shrinks it just before held-out accuracy jumps;
 *   - for modadd, the Fourier spectrum of the first layer's input embedding: column a of W₀
 *     (and column p + b) is the embedding of token a (b); its discrete Fourier transform along
 *     the tokens, energy summed over hidden units and over both operands, gives an energy per
 *     frequency k = 0…⌊p/2⌋ (k and p − k together). The rule (Nanda et al. 2023) uses a few key
 *     frequencies, so the share of the energy in the top-k non-constant frequencies rises before
 *     the held-out accuracy does.
 *
 * Summary steps of a run: "memorised" is the first evaluation at which train accuracy reaches
 * 99 %, "found the rule" the first at which held-out accuracy reaches 95 %; with a log evaluation
 * schedule they are as precise as its spacing.
 */
#pragma once

#include "oc-dataset.h"
#include "oc-mlp.h"
#include "oc-train.h"

G_BEGIN_DECLS

/* Accuracy thresholds of the summary steps. */
#define OC_GROK_MEMORISED_ACCURACY   0.99
#define OC_GROK_GENERALISED_ACCURACY 0.95

/* Measures recorded per evaluation, in this order (OcProgress.measures, the `measures`
 * artifact's columns). */
enum
{
  OC_GROK_MEASURE_WEIGHT_NORM,
  OC_GROK_MEASURE_FOURIER_SHARE, /* NaN unless modadd */
  OC_GROK_N_MEASURES,
};

/* Frequencies of the spectrum of a modulus @p: 0…⌊p/2⌋. */
static inline guint oc_grok_n_frequencies (guint p) { return p / 2 + 1; }

/* Energy per frequency of the input embedding of @model, whose first layer reads two one-hot
 * tokens of 0…p−1 (inputs 2p, as modadd encodes them): energy[k] for k = 0…⌊p/2⌋, summing
 * both operands, every hidden unit and frequencies k and p − k; Σ energy = Σ W₀² (Parseval).
 * @share (if not NULL): the Fourier share — for each hidden unit, the energy of its own @top_k
 * largest non-constant frequencies (k ≥ 1), summed over the units, over the total energy; NaN
 * when W₀ is zero. Per unit because an MLP's units each settle on a frequency of their own and
 * together cover most of them (Gromov 2023): the summed spectrum stays flat while every unit
 * becomes sparse in frequency. FALSE (nothing written) when the first layer does not have 2p
 * inputs. */
gboolean oc_grok_fourier_spectrum (const OcMlp *model, guint p, guint top_k, double *energy,
                                   double *share);

/* The summary steps of a curve: the iteration of the first evaluation whose train (test)
 * accuracy, 1 − error, reaches OC_GROK_MEMORISED_ACCURACY (OC_GROK_GENERALISED_ACCURACY), or −1
 * when none does. */
void     oc_grok_summary_steps    (const OcEvalPoint *evals, guint n, gint64 *memorised,
                                   gint64 *generalised);

/* Which pairs a model gets right. The grid has a row per first operand and a column per second
 * (rows × cols = 10^digits squared for addition, p × p for modadd); each cell is
 * OC_GROK_PAIR_TRAIN for a training pair, else OC_GROK_PAIR_RIGHT or OC_GROK_PAIR_WRONG for a
 * held-out pair the model predicts right (every output digit) or wrong. NULL with
 * OC_ERROR_INVALID_ARGUMENT for other datasets. Free with g_free(). */
enum
{
  OC_GROK_PAIR_WRONG = 0,
  OC_GROK_PAIR_RIGHT = 1,
  OC_GROK_PAIR_TRAIN = 2,
};
guint8  *oc_grok_pair_grid        (const OcMlp *model, const OcDataset *data, guint *rows,
                                   guint *cols, GError **error);

/* The operands of one encoded example of a pair dataset (addition or modadd); FALSE for other
 * datasets. */
gboolean oc_grok_decode_pair      (const OcDataset *data, const float *x, guint *a, guint *b);

/* Points of a `grok` spec. */
typedef struct
{
  guint   index;          /* in canonical order: train fraction, then weight decay, then seed */
  double  train_fraction;
  double  weight_decay;
  guint64 seed;
} OcGrokPoint;

struct _OcSpec;
/* The points of a finished `grok` spec, in canonical order. Free with g_array_unref(). */
GArray  *oc_grok_points           (const struct _OcSpec *spec);
/* The store key of a point: {"train_fraction":0.5,"weight_decay":1,"seed":0}. */
char    *oc_grok_point_key        (const OcGrokPoint *point);
/* The training configuration of one point: the spec's, with the point's weight decay and seed and
 * the log evaluation schedule; @data_out (may be NULL) receives its data options (the point's
 * train fraction). Both point into @spec, which must outlive them. */
void     oc_grok_point_config     (const struct _OcSpec *spec, const OcGrokPoint *point,
                                   OcTrainConfig *train_out, OcDataOptions *data_out);
/* N of the spec's "log:N" evaluation schedule. */
guint    oc_grok_eval_count       (const struct _OcSpec *spec);

G_END_DECLS
