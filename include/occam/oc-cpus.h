/* oc-cpus.h — how many CPUs this process may use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On a shared machine or a cluster node the machine's core count says little: a batch system or
 * container gives a process some of them. Every default worker and thread count of the engine
 * comes from oc_cpus_available(), the smallest of
 *
 *   - the CPUs of the process's affinity mask (taskset, numactl, mpirun --bind-to, Slurm's
 *     task/affinity plugin);
 *   - the cgroup v2 CPU quota, cpu.max "QUOTA PERIOD", rounded up, of the process's cgroup and of
 *     every cgroup above it (docker --cpus, systemd CPUQuota=, Kubernetes limits, Slurm's
 *     task/cgroup plugin);
 *   - SLURM_CPUS_PER_TASK, when Slurm sets it (srun/sbatch --cpus-per-task);
 *   - the limit set with oc_cpus_set_limit() (occam-cli --cpus-per-rank),
 *
 * and at least 1. The cgroup file system is read under $OCCAM_CGROUP_ROOT when that is set (for
 * tests), else /sys/fs/cgroup.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

guint oc_cpus_available (void);
/* What oc_cpus_available() leaves out: the affinity mask, the cgroup quota and Slurm's count, each
 * 0 when it sets no limit. */
void  oc_cpus_describe  (guint *affinity, guint *cgroup, guint *slurm);
/* At most @limit CPUs for this process (0: no limit of its own). */
void  oc_cpus_set_limit (guint limit);

G_END_DECLS
