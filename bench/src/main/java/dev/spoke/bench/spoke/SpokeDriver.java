package dev.spoke.bench.spoke;

import dev.spoke.FlushResult;
import dev.spoke.Spoke;
import dev.spoke.SpokeMetrics;
import dev.spoke.SpokeOptions;
import dev.spoke.Workspace;
import dev.spoke.bench.ChildMain;
import dev.spoke.bench.Driver;
import dev.spoke.bench.Mixed;
import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.event.Product;
import dev.spoke.event.ProductAction;
import dev.spoke.event.ProductActionType;
import dev.spoke.event.ScreenView;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Spoke with its defaults except the endpoint (and kits off: no configuration fetch in a benchmark;
 * a data directory in the durable-journal variant). The only class of the W1 harness that compiles
 * against Spoke's API.
 */
public final class SpokeDriver implements Driver {
  private final Spoke spoke;
  private final int users;
  private final boolean mixed;
  private volatile FlushResult lastFlush;

  SpokeDriver(int port, int users, ChildMain.Options o) {
    this.users = users;
    this.mixed = o.mixed();
    Workspace ws = Workspace.builder("bench-key", "bench-secret").build();
    SpokeOptions.Builder b =
        SpokeOptions.builder(ws)
            .endpoint(URI.create("http://127.0.0.1:" + port))
            .kitsEnabled(false);
    if (o.journalDir() != null) {
      b.dataDirectory(Path.of(o.journalDir())); // fsync policy: the default, INTERVAL
    }
    this.spoke = Spoke.create(b.build());
  }

  @Override
  public void track(int i) {
    if (mixed) {
      trackMixed(i);
      return;
    }
    spoke
        .user(UserIdentities.of(IdentityType.CUSTOMER_ID, "user-" + (i % users)))
        .logEvent(
            CustomEvent.builder("Product Viewed")
                .customEventType(CustomEventType.OTHER)
                .attribute("sku", Driver.sku(i))
                .attribute("price", Driver.price(i))
                .attribute("qty", Driver.qty(i))
                .attribute("category", "shoes")
                .attribute("campaign", "winter-sale")
                .build());
  }

  /** W1-mixed (see {@link Mixed}): the same content as the peer's track/screen calls. */
  private void trackMixed(int i) {
    var user = spoke.user(UserIdentities.of(IdentityType.CUSTOMER_ID, "user-" + (i % users)));
    switch (Mixed.kind(i)) {
      case CUSTOM ->
          user.logEvent(
              CustomEvent.builder(Mixed.CUSTOM_NAME)
                  .customEventType(CustomEventType.OTHER)
                  .attribute("article_id", Mixed.articleId(i))
                  .attribute("section", Mixed.section(i))
                  .attribute("word_count", Mixed.wordCount(i))
                  .attribute("read_ratio", Mixed.readRatio(i))
                  .attribute("premium", Mixed.premium(i))
                  .attribute("position", Mixed.position(i))
                  .build());
      case SCREEN ->
          user.logEvent(
              ScreenView.builder(Mixed.screenName(i))
                  .attribute("section", Mixed.section(i))
                  .attribute("referrer", Mixed.referrer(i))
                  .attribute("scroll_depth", Mixed.scrollDepth(i))
                  .build());
      case PURCHASE -> {
        int k = Mixed.products(i);
        List<Product> products = new ArrayList<>(k);
        for (int j = 0; j < k; j++) {
          products.add(
              Product.builder(Mixed.productSku(i, j), Mixed.productName(i, j))
                  .brand(Mixed.productBrand(i, j))
                  .category(Mixed.productCategory(j))
                  .price(Mixed.productPrice(i, j))
                  .quantity((double) Mixed.productQuantity(j))
                  .build());
        }
        user.logEvent(
            CommerceEvent.productAction(
                    ProductAction.builder(ProductActionType.PURCHASE)
                        .transactionId(Mixed.orderId(i))
                        .totalAmount(Mixed.revenue(i))
                        .taxAmount(Mixed.tax(i))
                        .products(products)
                        .build())
                .currencyCode(Mixed.CURRENCY)
                .build());
      }
    }
  }

  @Override
  public void flush(Duration timeout) {
    lastFlush = spoke.flush(timeout);
  }

  @Override
  public long dropped() {
    return spoke.metrics().droppedTotal();
  }

  @Override
  public String metrics() {
    SpokeMetrics m = spoke.metrics();
    FlushResult f = lastFlush;
    return "accepted="
        + m.accepted()
        + " delivered="
        + m.delivered()
        + " dropped="
        + m.dropped()
        + " batches="
        + m.batchesSent()
        + " bytes="
        + m.bytesSent()
        + " retries="
        + m.retries()
        + " failures="
        + m.failuresByStatus()
        + " pending="
        + m.pending()
        + (f == null ? "" : " flushComplete=" + f.complete());
  }

  @Override
  public void close() {
    // Measurement is over when this runs; with the sink down a full close would wait 10 s.
    spoke.close(Duration.ofSeconds(2));
  }
}
