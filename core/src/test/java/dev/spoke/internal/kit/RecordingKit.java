package dev.spoke.internal.kit;

import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.ScreenView;
import dev.spoke.event.SessionEnd;
import dev.spoke.event.SessionStart;
import dev.spoke.kit.ConsentListener;
import dev.spoke.kit.EventListener;
import dev.spoke.kit.IdentityListener;
import dev.spoke.kit.Kit;
import dev.spoke.kit.KitContext;
import dev.spoke.kit.KitFactory;
import dev.spoke.kit.KitUser;
import dev.spoke.kit.OptOutListener;
import dev.spoke.kit.ScreenListener;
import dev.spoke.kit.SessionListener;
import dev.spoke.kit.UserAttributeListener;
import dev.spoke.user.ConsentState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/** An in-memory kit listening to everything but commerce; records each call as a line of text. */
class RecordingKit
    implements Kit,
        EventListener,
        ScreenListener,
        UserAttributeListener,
        IdentityListener,
        SessionListener,
        ConsentListener,
        OptOutListener {
  final KitContext context;
  final List<String> calls = new CopyOnWriteArrayList<>();
  final List<Object> received = new CopyOnWriteArrayList<>();
  volatile KitUser lastUser;

  RecordingKit(KitContext context) {
    this.context = context;
  }

  /** Hook to make a call throw or block; default does nothing. */
  void before(String call) throws Exception {}

  private void record(String call, Object payload, KitUser user) throws Exception {
    before(call);
    lastUser = user;
    received.add(payload);
    calls.add(call);
  }

  @Override
  public void onEvent(CustomEvent event, KitUser user) throws Exception {
    record("event:" + event.name(), event, user);
  }

  @Override
  public void onScreenView(ScreenView screen, KitUser user) throws Exception {
    record("screen:" + screen.screenName(), screen, user);
  }

  @Override
  public void onUserAttributeSet(KitUser user, String key, String value) throws Exception {
    record("attr:" + key + "=" + value, key, user);
  }

  @Override
  public void onUserAttributeListSet(KitUser user, String key, List<String> values)
      throws Exception {
    record("attrList:" + key + "=" + values, key, user);
  }

  @Override
  public void onUserAttributeRemoved(KitUser user, String key) throws Exception {
    record("attrRemoved:" + key, key, user);
  }

  @Override
  public void onLoginCompleted(KitUser user) throws Exception {
    record("login", user, user);
  }

  @Override
  public void onModifyCompleted(KitUser user) throws Exception {
    record("modify", user, user);
  }

  @Override
  public void onSessionStart(SessionStart start, KitUser user) throws Exception {
    record("sessionStart", start, user);
  }

  @Override
  public void onSessionEnd(SessionEnd end, KitUser user) throws Exception {
    record("sessionEnd", end, user);
  }

  @Override
  public void onConsentStateChanged(KitUser user, ConsentState oldState, ConsentState newState)
      throws Exception {
    record("consent", newState, user);
  }

  @Override
  public void onOptOut(boolean optedOut) throws Exception {
    record("optOut:" + optedOut, optedOut, null);
  }

  @Override
  public void onSettingsUpdated(Map<String, String> settings) throws Exception {
    calls.add("settings:" + settings);
  }

  @Override
  public void close() throws Exception {
    before("close");
    calls.add("close");
  }

  /** A commerce-aware variant. */
  static class Commerce extends RecordingKit implements dev.spoke.kit.CommerceListener {
    Commerce(KitContext context) {
      super(context);
    }

    @Override
    public void onCommerceEvent(CommerceEvent event, KitUser user) throws Exception {
      calls.add("commerce:" + event.filterNumber());
      received.add(event);
    }
  }

  /** A factory that remembers the kits it created. */
  static final class Factory implements KitFactory {
    final int id;
    final String name;
    final Function<KitContext, RecordingKit> make;
    final List<RecordingKit> created = new CopyOnWriteArrayList<>();

    Factory(int id, String name, Function<KitContext, RecordingKit> make) {
      this.id = id;
      this.name = name;
      this.make = make;
    }

    Factory(int id, String name) {
      this(id, name, RecordingKit::new);
    }

    RecordingKit kit() {
      await(() -> !created.isEmpty(), name + " created");
      return created.get(0);
    }

    @Override
    public int moduleId() {
      return id;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String version() {
      return "test";
    }

    @Override
    public Kit create(KitContext context) {
      RecordingKit k = make.apply(context);
      created.add(k);
      return k;
    }
  }

  /**
   * Awaits a condition, polling briefly; fails after 5 seconds. Not a sleep-until: it returns as
   * soon as true.
   */
  static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }

  List<String> callsSnapshot() {
    return new ArrayList<>(calls);
  }
}
