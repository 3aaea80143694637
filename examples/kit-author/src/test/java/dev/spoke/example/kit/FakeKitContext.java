package dev.spoke.example.kit;

import dev.spoke.Environment;
import dev.spoke.kit.KitContext;
import dev.spoke.kit.KitUser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The smallest KitContext a kit author needs for tests: the settings under test, a fixed clock, a
 * plain OkHttp client, and a list that records what the kit reported as forwarded.
 */
final class FakeKitContext implements KitContext {
  static final Instant NOW = Instant.parse("2024-05-31T16:08:37Z");

  private final Map<String, String> settings;
  final List<String> forwarded = new ArrayList<>();

  FakeKitContext(Map<String, String> settings) {
    this.settings = Map.copyOf(settings);
  }

  @Override
  public int moduleId() {
    return LogPartnerKitFactory.MODULE_ID;
  }

  @Override
  public Map<String, String> settings() {
    return settings;
  }

  @Override
  public Logger logger() {
    return LoggerFactory.getLogger("example-kit");
  }

  @Override
  public Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  @Override
  public OkHttpClient httpClient() {
    return new OkHttpClient();
  }

  @Override
  public Environment environment() {
    return Environment.DEVELOPMENT;
  }

  @Override
  public Optional<KitUser> currentUser() {
    return Optional.empty();
  }

  @Override
  public void reportForwarded(String eventName, String detail) {
    forwarded.add(eventName + " -> " + detail);
  }
}
