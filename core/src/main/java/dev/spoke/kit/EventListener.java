package dev.spoke.kit;

import dev.spoke.event.CustomEvent;

/**
 * A kit that takes custom events. Without {@link CommerceListener}, it also gets commerce events
 * expanded into custom events ({@link CommerceExpansion}).
 */
public interface EventListener {
  void onEvent(CustomEvent event, KitUser user) throws Exception;
}
