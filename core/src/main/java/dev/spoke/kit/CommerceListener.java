package dev.spoke.kit;

import dev.spoke.event.CommerceEvent;

/** A kit that takes commerce events as they are. */
public interface CommerceListener {
  void onCommerceEvent(CommerceEvent event, KitUser user) throws Exception;
}
