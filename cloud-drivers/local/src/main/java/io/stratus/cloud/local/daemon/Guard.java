package io.stratus.cloud.local.daemon;

import java.util.List;

/** Checked first by every region endpoint: the region exists; a flaky one may fail the call. */
@FunctionalInterface
interface Guard {
  void check(List<String> path);
}
