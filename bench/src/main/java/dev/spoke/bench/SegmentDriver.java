package dev.spoke.bench;

import com.segment.analytics.Analytics;
import com.segment.analytics.messages.ScreenMessage;
import com.segment.analytics.messages.TrackMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Segment analytics-java 3.5.x with its defaults except the endpoint. */
final class SegmentDriver implements Driver {
  private final Analytics analytics;
  private final int users;
  private final boolean mixed;

  SegmentDriver(int port, int users, ChildMain.Options o) {
    this.users = users;
    this.mixed = o.mixed();
    this.analytics =
        Analytics.builder("bench-write-key").endpoint("http://127.0.0.1:" + port).build();
  }

  @Override
  public void track(int i) {
    if (mixed) {
      trackMixed(i);
      return;
    }
    Map<String, Object> props = new LinkedHashMap<>(8);
    props.put("sku", Driver.sku(i));
    props.put("price", Driver.price(i));
    props.put("qty", Driver.qty(i));
    props.put("category", "shoes");
    props.put("campaign", "winter-sale");
    analytics.enqueue(
        TrackMessage.builder("Product Viewed").userId("user-" + (i % users)).properties(props));
  }

  /**
   * W1-mixed as the peer's API and spec express it: custom events as {@code track}, screen views as
   * {@code screen}, a purchase as {@code track} "Order Completed" with a {@code products} list.
   */
  private void trackMixed(int i) {
    String user = "user-" + (i % users);
    switch (Mixed.kind(i)) {
      case CUSTOM -> {
        Map<String, Object> props = new LinkedHashMap<>(8);
        props.put("article_id", Mixed.articleId(i));
        props.put("section", Mixed.section(i));
        props.put("word_count", Mixed.wordCount(i));
        props.put("read_ratio", Mixed.readRatio(i));
        props.put("premium", Mixed.premium(i));
        props.put("position", Mixed.position(i));
        analytics.enqueue(TrackMessage.builder(Mixed.CUSTOM_NAME).userId(user).properties(props));
      }
      case SCREEN -> {
        Map<String, Object> props = new LinkedHashMap<>(4);
        props.put("section", Mixed.section(i));
        props.put("referrer", Mixed.referrer(i));
        props.put("scroll_depth", Mixed.scrollDepth(i));
        analytics.enqueue(
            ScreenMessage.builder(Mixed.screenName(i)).userId(user).properties(props));
      }
      case PURCHASE -> {
        int k = Mixed.products(i);
        List<Map<String, Object>> products = new ArrayList<>(k);
        for (int j = 0; j < k; j++) {
          Map<String, Object> p = new LinkedHashMap<>(8);
          p.put("product_id", Mixed.productSku(i, j));
          p.put("name", Mixed.productName(i, j));
          p.put("brand", Mixed.productBrand(i, j));
          p.put("category", Mixed.productCategory(j));
          p.put("price", Mixed.productPrice(i, j));
          p.put("quantity", Mixed.productQuantity(j));
          products.add(p);
        }
        Map<String, Object> props = new LinkedHashMap<>(8);
        props.put("order_id", Mixed.orderId(i));
        props.put("revenue", Mixed.revenue(i));
        props.put("tax", Mixed.tax(i));
        props.put("currency", Mixed.CURRENCY);
        props.put("products", products);
        analytics.enqueue(
            TrackMessage.builder(Mixed.ORDER_COMPLETED).userId(user).properties(props));
      }
    }
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
