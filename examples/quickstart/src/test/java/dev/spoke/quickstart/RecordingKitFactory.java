package dev.spoke.quickstart;

import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.ScreenView;
import dev.spoke.kit.CommerceListener;
import dev.spoke.kit.EventListener;
import dev.spoke.kit.Kit;
import dev.spoke.kit.KitContext;
import dev.spoke.kit.KitFactory;
import dev.spoke.kit.KitUser;
import dev.spoke.kit.ScreenListener;
import dev.spoke.kit.UserAttributeListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A test kit that records exactly what Spoke hands it, after the configuration's filters.
 * Registered programmatically (not through ServiceLoader), so only the tests that ask for it see
 * it. Each factory instance has its own records.
 */
final class RecordingKitFactory implements KitFactory {
  static final int MODULE_ID = 990_001;

  /**
   * One call the kit received: what, its name, its attributes, and the user as the kit saw them.
   */
  record Call(String kind, String name, Map<String, ?> attributes, KitUser user) {}

  private final List<Call> calls = new ArrayList<>();
  private int created;

  @Override
  public int moduleId() {
    return MODULE_ID;
  }

  @Override
  public String name() {
    return "Recording kit";
  }

  @Override
  public String version() {
    return "test";
  }

  @Override
  public Kit create(KitContext context) {
    synchronized (calls) {
      created++;
    }
    return new RecordingKit();
  }

  int created() {
    synchronized (calls) {
      return created;
    }
  }

  List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  List<Call> calls(String kind) {
    List<Call> out = new ArrayList<>();
    for (Call c : calls()) {
      if (c.kind().equals(kind)) {
        out.add(c);
      }
    }
    return out;
  }

  private void add(Call c) {
    synchronized (calls) {
      calls.add(c);
    }
  }

  private final class RecordingKit
      implements Kit, EventListener, ScreenListener, CommerceListener, UserAttributeListener {
    @Override
    public void onEvent(CustomEvent event, KitUser user) {
      add(new Call("event", event.name(), event.customAttributes(), user));
    }

    @Override
    public void onScreenView(ScreenView screen, KitUser user) {
      add(new Call("screen", screen.screenName(), screen.customAttributes(), user));
    }

    @Override
    public void onCommerceEvent(CommerceEvent event, KitUser user) {
      add(
          new Call(
              "commerce",
              event.productAction() != null ? event.productAction().action().wireName() : "other",
              event.customAttributes(),
              user));
    }

    @Override
    public void onUserAttributeSet(KitUser user, String key, String value) {
      add(new Call("attribute", key, Map.of("value", value), user));
    }

    @Override
    public void onUserAttributeListSet(KitUser user, String key, List<String> values) {
      add(new Call("attribute", key, Map.of("value", values), user));
    }
  }
}
