package dev.spoke.internal.kit;

import dev.spoke.kit.SideloadedKit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Not API. The host's sideloaded kits, merged into each configuration as the Android SDK merges
 * them (mParticle/mparticle-android-sdk
 * android-core/src/main/java/com/mparticle/internal/SideloadedKitsUtils.kt {@code combineConfig}):
 * the workspace's entries below {@link SideloadedKit#MIN_MODULE_ID}, the first of each id, then
 * each sideloaded kit whose id is not there yet. Immutable.
 */
final class SideloadedKits {
  private final List<SideloadedKit> kits;

  SideloadedKits(List<SideloadedKit> kits) {
    this.kits = Collections.unmodifiableList(new ArrayList<>(kits));
  }

  /**
   * @return the sideloaded kit with this id, or null
   */
  SideloadedKit find(int moduleId) {
    for (SideloadedKit s : kits) {
      if (s.moduleId() == moduleId) {
        return s;
      }
    }
    return null;
  }

  /**
   * @param config the workspace's configuration
   * @param ignored told each id of an entry left out because it is in the sideloaded range
   * @return the configuration the kits run with (the same object when nothing changes)
   */
  KitConfiguration merge(KitConfiguration config, IntConsumer ignored) {
    List<KitEntry> out = new ArrayList<>();
    Set<Integer> ids = new HashSet<>();
    boolean changed = false;
    for (KitEntry e : config.kits()) {
      if (e.moduleId() >= SideloadedKit.MIN_MODULE_ID) {
        changed = true;
        ignored.accept(e.moduleId());
        continue;
      }
      if (ids.add(e.moduleId())) {
        out.add(e);
      }
    }
    for (SideloadedKit s : kits) {
      if (ids.add(s.moduleId())) {
        out.add(KitEntry.sideloaded(s));
        changed = true;
      }
    }
    return changed ? config.withKits(out) : config;
  }
}
