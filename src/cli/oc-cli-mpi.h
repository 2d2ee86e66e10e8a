/* oc-cli-mpi.h — `occam-cli … --mpi`: one experiment over the ranks of an MPI job (see
 * oc-cli-mpi.c). Without MPI at build time --mpi is refused with a message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "occam/oc-experiment.h"
#include "oc-cli-run.h"

G_BEGIN_DECLS

#define OC_CLI_MPI_HELP \
  N_("Run over the ranks of an MPI job (mpirun -np N occam-cli …): rank 0 keeps the store and " \
     "hands out points, largest first; the others compute them")
#define OC_CLI_CPUS_PER_RANK_HELP \
  N_("With --mpi: CPUs each rank computes with (default: those the launcher bound it to, or " \
     "the node's shared by its ranks)")

gboolean oc_cli_mpi_available (void);
/* Starts MPI once, and sets this rank's CPUs (@cpus_per_rank, 0: the default). */
gboolean oc_cli_mpi_init      (guint cpus_per_rank, guint *rank, guint *size, GError **error);
/* Ranks of the job (1 without --mpi). */
guint    oc_cli_mpi_n_ranks   (void);
/* Ends MPI; rank 0 first tells every rank still waiting for work to stop. */
void     oc_cli_mpi_finalize  (void);
/* Rank 0 of a job of several ranks: hand the points to the others. NULL otherwise. */
const OcRunRemote *oc_cli_mpi_remote (void);
/* Ranks above 0: compute what rank 0 hands out until it says stop; returns OC_EXIT_*. */
int      oc_cli_mpi_worker    (const OcSpec *spec, const OcCliRunOptions *ro);

/* After a spec command parsed its flags: without --mpi, and on rank 0, −1 (go on: the command
 * runs, and oc_cli_run_experiment hands the points to the other ranks); on the other ranks, serve
 * rank 0 and return the exit code. oc_cli_mpi_finalize() ends MPI (oc_cli_spec_args_clear). */
int      oc_cli_mpi_start     (const OcSpec *spec, const OcCliRunOptions *ro);

G_END_DECLS
