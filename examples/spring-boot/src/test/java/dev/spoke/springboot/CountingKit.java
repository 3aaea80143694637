package dev.spoke.springboot;

import dev.spoke.event.CustomEvent;
import dev.spoke.kit.EventListener;
import dev.spoke.kit.Kit;
import dev.spoke.kit.KitContext;
import dev.spoke.kit.KitFactory;
import dev.spoke.kit.KitUser;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory kit the test workspace enables, so kit counters have something to show. */
final class CountingKit implements Kit, EventListener {
  static final int MODULE_ID = 900001;
  static final String NAME = "Counting-kit";
  static final AtomicInteger EVENTS = new AtomicInteger();

  @Override
  public void onEvent(CustomEvent event, KitUser user) {
    EVENTS.incrementAndGet();
  }

  static final class Factory implements KitFactory {
    @Override
    public int moduleId() {
      return MODULE_ID;
    }

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String version() {
      return "1.0";
    }

    @Override
    public Kit create(KitContext context) {
      return new CountingKit();
    }
  }
}
