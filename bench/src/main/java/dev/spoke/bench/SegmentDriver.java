package dev.spoke.bench;

import com.segment.analytics.Analytics;
import com.segment.analytics.messages.TrackMessage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Segment analytics-java 3.5.x with its defaults except the endpoint. */
final class SegmentDriver implements Driver {
  private final Analytics analytics;
  private final int users;

  SegmentDriver(int port, int users, ChildMain.Options unused) {
    this.users = users;
    this.analytics =
        Analytics.builder("bench-write-key").endpoint("http://127.0.0.1:" + port).build();
  }

  @Override
  public void track(int i) {
    Map<String, Object> props = new LinkedHashMap<>(8);
    props.put("sku", Driver.sku(i));
    props.put("price", Driver.price(i));
    props.put("qty", Driver.qty(i));
    props.put("category", "shoes");
    props.put("campaign", "winter-sale");
    analytics.enqueue(
        TrackMessage.builder("Product Viewed").userId("user-" + (i % users)).properties(props));
  }

  @Override
  public void flush(Duration timeout) {
    // Segment's flush only enqueues a flush marker and returns: the child then waits on the sink.
    analytics.flush();
  }

  @Override
  public long dropped() {
    return 0; // enqueue blocks instead of dropping; offer() is not what its docs show
  }

  @Override
  public String metrics() {
    return "";
  }

  @Override
  public void close() {
    analytics.shutdown();
  }
}
