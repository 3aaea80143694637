package dev.spoke.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CrashReport;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.Event;
import dev.spoke.event.Impression;
import dev.spoke.event.Product;
import dev.spoke.event.ScreenView;
import dev.spoke.user.ApplicationInfo;
import dev.spoke.user.DeviceInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Serialize, read back with {@link BatchReader}, compare with the original (attribute values as
 * wire strings).
 */
class RoundTripTest {
  private final EventSerializer events = new EventSerializer();
  private final HeaderSerializer header = new HeaderSerializer();
  private final BatchReader reader = new BatchReader();

  @Property(tries = 400)
  void anyEventReadsBackAsItWasWritten(@ForAll("events") ParsedEvent original) {
    byte[] json = events.serialize(original.event(), original.session());
    ParsedEvent read = reader.readEvent(json);
    assertThat(read).isEqualTo(new ParsedEvent(asOnTheWire(original.event()), original.session()));
  }

  @Property(tries = 150)
  void anyBatchReadsBackAsItWasWritten(@ForAll("batches") Generators.BatchInput in) {
    ParsedBatch read = reader.readBatch(in.serialize(events, header));
    assertThat(read.environment()).isEqualTo(in.env);
    assertThat(read.sourceRequestId()).isEqualTo(in.sourceRequestId);
    assertThat(read.timestampMillis()).as("no batch timestamp is sent").isNull();
    assertThat(read.sdkVersion()).isEqualTo(in.sdkVersion);
    assertThat(read.mpDeviceId()).isEqualTo(in.mpDeviceId);
    assertThat(read.dataPlanId()).isEqualTo(in.planId);
    assertThat(read.dataPlanVersion()).isEqualTo(in.planId == null ? null : in.planVersion);
    assertThat(read.deviceInfo()).isEqualTo(emptyToNull(in.device));
    assertThat(read.applicationInfo()).isEqualTo(emptyToNull(in.app));
    assertThat(read.user()).isEqualTo(in.user);
    List<ParsedEvent> expected = new ArrayList<>();
    for (ParsedEvent e : in.events) {
      expected.add(new ParsedEvent(asOnTheWire(e.event()), e.session()));
    }
    assertThat(read.events()).isEqualTo(expected);
  }

  @Test
  void goldenBatchReadsBackWithEveryHeaderField() {
    ParsedBatch read = reader.readBatch(GoldenCases.batch());
    assertThat(read.user()).isEqualTo(GoldenCases.user());
    assertThat(read.deviceInfo()).isEqualTo(GoldenCases.device());
    assertThat(read.applicationInfo()).isEqualTo(GoldenCases.app());
    assertThat(read.dataPlanId()).isEqualTo("shop-plan");
    assertThat(read.dataPlanVersion()).isEqualTo(3);
    assertThat(read.events()).hasSize(5);
    assertThat(read.events().get(0).session()).isEqualTo(GoldenCases.SESSION.withEventNum(1));
  }

  @Test
  void everyGoldenCaseReadsBack() {
    for (List<GoldenCases.Case> cases : GoldenCases.all().values()) {
      for (GoldenCases.Case c : cases) {
        ParsedEvent read = reader.readEvent(events.serialize(c.event, c.session));
        assertThat(read).isEqualTo(new ParsedEvent(asOnTheWire(c.event), c.session));
      }
    }
  }

  @Test
  void bulkArrayReadsBackInOrder() {
    byte[] one = GoldenCases.batch();
    byte[] bulk =
        ("["
                + new String(one, java.nio.charset.StandardCharsets.UTF_8)
                + ","
                + new String(one, java.nio.charset.StandardCharsets.UTF_8)
                + "]")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    List<ParsedBatch> read = reader.readBulk(bulk);
    assertThat(read).hasSize(2);
    assertThat(read.get(0)).isEqualTo(read.get(1)).isEqualTo(reader.readBatch(one));
  }

  @Provide
  Arbitrary<ParsedEvent> events() {
    return net.jqwik.api.Combinators.combine(Generators.event(), Generators.session())
        .as(ParsedEvent::new);
  }

  @Provide
  Arbitrary<Generators.BatchInput> batches() {
    return Generators.batch();
  }

  /**
   * What the wire can carry of an event: attribute values as strings, null keys, values and list
   * elements gone.
   */
  static Event asOnTheWire(Event e) {
    Event.Builder<?> b =
        e.toBuilder().clearAttributes().attributes(onTheWire(e.customAttributes()));
    if (b instanceof CustomEvent.Builder) {
      ((CustomEvent.Builder) b).clearFlags().flags(nonNull(((CustomEvent) e).customFlags()));
    } else if (b instanceof ScreenView.Builder) {
      ((ScreenView.Builder) b).clearFlags().flags(nonNull(((ScreenView) e).customFlags()));
    } else if (b instanceof CommerceEvent.Builder) {
      CommerceEvent c = (CommerceEvent) e;
      CommerceEvent.Builder cb = (CommerceEvent.Builder) b;
      cb.clearFlags().flags(nonNull(c.customFlags())).shoppingCart(onTheWire(c.shoppingCart()));
      if (c.kind() == CommerceEvent.Kind.PRODUCT_ACTION) {
        cb.replaceProductAction(
            c.productAction().toBuilder()
                .products(onTheWire(c.productAction().products()))
                .build());
      } else if (c.kind() == CommerceEvent.Kind.IMPRESSIONS) {
        List<Impression> impressions = new ArrayList<>();
        for (Impression i : c.impressions()) {
          impressions.add(i.toBuilder().products(onTheWire(i.products())).build());
        }
        cb.replaceImpressions(impressions);
      }
    } else if (b instanceof CrashReport.Builder) {
      List<String> crumbs = new ArrayList<>(((CrashReport) e).breadcrumbs());
      crumbs.removeIf(x -> x == null);
      ((CrashReport.Builder) b).breadcrumbs(crumbs);
    }
    return b.build();
  }

  private static List<Product> onTheWire(List<Product> products) {
    List<Product> out = new ArrayList<>();
    for (Product p : products) {
      out.add(p.toBuilder().clearAttributes().attributes(onTheWire(p.customAttributes())).build());
    }
    return out;
  }

  private static Map<String, Object> onTheWire(Map<String, Object> attributes) {
    Map<String, Object> out = new LinkedHashMap<>();
    attributes.forEach(
        (k, v) -> {
          String s = WireValues.attributeString(v);
          if (k != null && s != null) {
            out.put(k, s);
          }
        });
    return out;
  }

  private static Map<String, String> nonNull(Map<String, String> flags) {
    Map<String, String> out = new LinkedHashMap<>();
    flags.forEach(
        (k, v) -> {
          if (k != null && v != null) {
            out.put(k, v);
          }
        });
    return out;
  }

  private static DeviceInfo emptyToNull(DeviceInfo d) {
    return d == null || d.equals(DeviceInfo.builder().platform(null).build()) ? null : d;
  }

  private static ApplicationInfo emptyToNull(ApplicationInfo a) {
    return a == null || a.equals(ApplicationInfo.builder().os(null).build()) ? null : a;
  }
}
