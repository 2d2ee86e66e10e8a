/* oc-mlp.h — a fully connected network with masks and parameter snapshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Layout: all parameters live in one contiguous arena of n_params floats. Layer l (0-based, of
 * n_layers) has a weight matrix W_l of shape [sizes[l+1], sizes[l]] (row-major, out × in, as in
 * PyTorch's nn.Linear) followed by its bias b_l of shape [sizes[l+1]]. The mask arena, when present,
 * has the same layout; bias entries of the mask are always 1 (biases are never pruned).
 */
#pragma once

#include <glib.h>
#include "oc-rng.h"

G_BEGIN_DECLS

typedef enum
{
  OC_ACT_RELU,
  OC_ACT_TANH,
} OcActivation;

typedef enum
{
  OC_INIT_TORCH_DEFAULT,   /* U(±1/√fan_in) for weights and biases (PyTorch nn.Linear) */
  OC_INIT_KAIMING_NORMAL,  /* N(0, 2/fan_in), biases 0 */
  OC_INIT_KAIMING_UNIFORM, /* U(±√(6/fan_in)), biases 0 */
  OC_INIT_GLOROT_NORMAL,   /* N(0, 2/(fan_in+fan_out)), biases 0 */
  OC_INIT_GLOROT_UNIFORM,  /* U(±√(6/(fan_in+fan_out))), biases 0 */
} OcInit;

typedef struct
{
  guint         n_layers;   /* weight layers = hidden layers + 1 */
  guint        *sizes;      /* [n_layers + 1]: input, hidden…, output */
  OcActivation  activation; /* of hidden layers; the output layer is linear (logits) */
  gsize         n_params;
  float        *params;     /* arena [n_params] */
  float        *mask;       /* arena [n_params] of 0/1, or NULL when nothing is pruned */
  gsize        *w_offset;   /* [n_layers] offset of W_l in the arena */
  gsize        *b_offset;   /* [n_layers] offset of b_l in the arena */
} OcMlp;

/* The widest layer, and the most hidden layers, a network may have. Depth is capped so that the
 * memory a spec can ask for is bounded by its widths, and checked before anything is allocated;
 * nothing in the engine or the figures needs more (the deepest published lottery-ticket MLPs
 * have a handful of layers). */
#define OC_MLP_MAX_WIDTH  (1u << 20)
#define OC_MLP_MAX_HIDDEN 64

/* @sizes has 2 to OC_MLP_MAX_HIDDEN + 2 entries (input, hidden…, output), each in
 * 1..OC_MLP_MAX_WIDTH (else OC_ERROR_INVALID_ARGUMENT). A network whose parameters alone need
 * more memory than the computer has is OC_ERROR_TOO_LARGE, before anything is allocated. */
OcMlp   *oc_mlp_new             (const guint *sizes, guint n_sizes, OcActivation activation,
                                 GError **error);
/* The checks of oc_mlp_new on @sizes alone. */
gboolean oc_mlp_check_sizes     (const guint *sizes, guint n_sizes, GError **error);
void     oc_mlp_free            (OcMlp *mlp);
OcMlp   *oc_mlp_dup             (const OcMlp *mlp, GError **error);
void     oc_mlp_init_params     (OcMlp *mlp, OcInit init, OcRng *rng);

static inline float *oc_mlp_weights (const OcMlp *m, guint l) { return m->params + m->w_offset[l]; }
static inline float *oc_mlp_bias    (const OcMlp *m, guint l) { return m->params + m->b_offset[l]; }
static inline gsize  oc_mlp_weight_count (const OcMlp *m, guint l)
{ return (gsize) m->sizes[l] * m->sizes[l + 1]; }
/* Total weights (not biases): the prunable parameters. */
gsize    oc_mlp_total_weights   (const OcMlp *mlp);
/* Weights and biases (no padding): P = 795H + 10 for 784-H-10. */
gsize    oc_mlp_parameter_count (const OcMlp *mlp);

/* Memory, in bytes, that a network of @sizes (valid for oc_mlp_check_sizes) needs to be trained, counted from the layouts that oc_mlp_new and training allocate, before anything is.
 * Threads each hold their own gradients and activations. */
typedef struct
{
  guint64 params;      /* the parameter arena (16-float aligned blocks) */
  guint64 mask;        /* a pruning mask in the arena's layout */
  guint64 gradients;   /* one gradient arena per thread */
  guint64 optimizer;   /* the optimiser's moments: @moments arenas */
  guint64 activations; /* per thread: a batch's activations, their gradients and its inputs, and
                        * an evaluation chunk's activations and inputs */
  guint64 layers;      /* per-layer arrays: sizes, offsets, pointers */
  guint64 total;
} OcMlpMemory;

void     oc_mlp_memory          (const guint *sizes, guint n_sizes, guint batch, guint threads,
                                 guint moments, gboolean masked, OcMlpMemory *out);
/* FALSE with OC_ERROR_TOO_LARGE, naming the total and its parts, when @m needs more than the
 * physical memory of this computer. */
gboolean oc_mlp_check_memory    (const OcMlpMemory *m, const guint *sizes, guint n_sizes,
                                 GError **error);

/* Masks. Enabling allocates an all-ones mask; setting one copies @mask (n_params, biases forced to 1)
 * and zeroes the masked parameters. */
gboolean oc_mlp_enable_mask     (OcMlp *mlp, GError **error);
void     oc_mlp_apply_mask      (OcMlp *mlp);
/* Surviving weights of layer @l (or of all layers when @l < 0). */
gsize    oc_mlp_count_alive     (const OcMlp *mlp, int l);

/* Logits of @n rows: x[n, sizes[0]] → logits[n, sizes[n_layers]], row-major. Runs in chunks of
 * OC_MLP_PREDICT_CHUNK rows through the kernels training uses (sgemm, then bias and activation
 * fused), chunked as oc_evaluate chunks a split, so the logits are the ones evaluation scores.
 * Pruned weights are zero in the arena and need no mask. Allocates two chunks of activations of
 * the widest hidden layer; OC_ERROR_NO_MEMORY when that fails. */
#define OC_MLP_PREDICT_CHUNK 1024
gboolean oc_mlp_predict         (const OcMlp *model, const float *x, guint n, float *logits,
                                 GError **error);

/* Snapshots: a plain copy of the parameter arena. */
float   *oc_mlp_snapshot        (const OcMlp *mlp, GError **error);
void     oc_mlp_restore         (OcMlp *mlp, const float *snapshot);

/* Architecture strings, as the store and summaries name networks: "784-256-10", the layer sizes
 * from input to output. Parsing fails (FALSE) for anything else, e.g. a random-features model's
 * "784-[4000 fourier features]-10". Free with g_free(). */
char    *oc_mlp_describe_sizes  (const guint *sizes, guint n_sizes);
char    *oc_mlp_describe        (const OcMlp *mlp);
gboolean oc_mlp_parse_sizes     (const char *text, guint **sizes, guint *n_sizes);

/* Parse and name the enums for CLI flags and specs. Parsing returns FALSE for unknown names. */
gboolean    oc_activation_from_string (const char *s, OcActivation *out);
const char *oc_activation_to_string   (OcActivation a);
gboolean    oc_init_from_string       (const char *s, OcInit *out);
const char *oc_init_to_string         (OcInit i);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcMlp, oc_mlp_free)

G_END_DECLS
