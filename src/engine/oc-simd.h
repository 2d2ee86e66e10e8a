/* oc-simd.h — compile hot element-wise loops for several x86-64 levels at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Binaries must run on any x86-64, but the optimiser and activation passes are memory-bound loops
 * that run 2–4× faster with AVX2/AVX-512. GCC's target_clones builds one copy per level and picks
 * the best at load time (ifunc), so no -march flag is needed. Elsewhere the macro is empty, and
 * so it is under ThreadSanitizer: the ifunc resolvers run while the dynamic loader relocates the
 * program, before the ThreadSanitizer runtime is initialised, and crash in its instrumentation.
 */
#pragma once

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12 \
  && defined(__linux__) && !defined(__SANITIZE_THREAD__)
#define OC_VECTOR_CLONES \
  __attribute__ ((target_clones ("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define OC_VECTOR_CLONES
#endif
