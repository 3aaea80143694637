package dev.spoke.kit;

import dev.spoke.event.ScreenView;

/** A kit that takes screen views. */
public interface ScreenListener {
  void onScreenView(ScreenView screen, KitUser user) throws Exception;
}
