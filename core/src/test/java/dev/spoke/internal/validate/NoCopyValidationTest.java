package dev.spoke.internal.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.ServiceLimits;
import dev.spoke.ValidationIssue;
import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.event.Event;
import dev.spoke.event.Impression;
import dev.spoke.event.Location;
import dev.spoke.event.Product;
import dev.spoke.event.ProductAction;
import dev.spoke.event.ProductActionType;
import dev.spoke.event.ScreenView;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tracking call's validation copies nothing when nothing needs a fix: the same event, the same
 * attribute and flag maps, the same product and impression lists come back (compared by identity),
 * even when the timestamp and id are missing and attribute values are numbers. What kits and {@link
 * Validator#validate} see is unchanged: a completed event with text values.
 */
class NoCopyValidationTest {
  private static final long NOW = 1_700_000_000_000L;
  private final List<ValidationIssue> issues = new ArrayList<>();
  private final Validator validator =
      new Validator(
          ServiceLimits.defaults(),
          false,
          Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC),
          issues::add);

  /** W1's event: 5 attributes, two of them numbers, no timestamp, no id. */
  static CustomEvent w1Event() {
    return CustomEvent.builder("Product Viewed")
        .customEventType(CustomEventType.OTHER)
        .attribute("sku", "SKU-7")
        .attribute("price", 19.99 + 3)
        .attribute("qty", 2)
        .attribute("category", "shoes")
        .attribute("campaign", "winter-sale")
        .build();
  }

  @Test
  void aValidEventWithNumbersAndNoTimestampOrIdIsReturnedAsTheSameInstance() {
    CustomEvent e = w1Event();
    Map<String, Object> attributes = e.customAttributes();

    Event valid = validator.validateInPlace(e, NOW);

    assertThat(valid).isSameAs(e);
    assertThat(valid.customAttributes()).isSameAs(attributes);
    assertThat(valid.customAttributes().get("price")).isEqualTo(22.99);
    assertThat(Validator.needsId(valid)).isTrue();
    assertThat(issues).isEmpty();
  }

  @Test
  void flagsLocationAndEveryNumberTypeKeptInPlaceAreNotCopied() {
    ScreenView e =
        ScreenView.builder("Home")
            .flag("f", "v")
            .attribute("i", 1)
            .attribute("l", 2L)
            .attribute("d", 0.5)
            .attribute("f", 1.5f)
            .attribute("s", (short) 3)
            .attribute("b", (byte) 4)
            .attribute("t", true)
            .location(Location.of(1, 2))
            .timestamp(NOW - 5)
            .sourceMessageId("id-1")
            .build();
    Event valid = validator.validateInPlace(e, NOW);
    assertThat(valid).isSameAs(e);
    assertThat(((ScreenView) valid).customFlags()).isSameAs(e.customFlags());
    assertThat(valid.customAttributes()).isSameAs(e.customAttributes());
  }

  @Test
  void aValidCommerceEventKeepsItsProductAndImpressionLists() {
    Product shoe = Product.builder("shoe-1", "Shoe").price(10.0).quantity(2.0).build();
    CommerceEvent purchase =
        CommerceEvent.productAction(
                ProductAction.builder(ProductActionType.PURCHASE).product(shoe).build())
            .shoppingCart(List.of(shoe))
            .build();
    Event valid = validator.validateInPlace(purchase, NOW);
    assertThat(valid).isSameAs(purchase);
    assertThat(((CommerceEvent) valid).productAction().products())
        .isSameAs(purchase.productAction().products());
    assertThat(((CommerceEvent) valid).shoppingCart()).isSameAs(purchase.shoppingCart());

    CommerceEvent impressions =
        CommerceEvent.impressions(List.of(Impression.builder("list").product(shoe).build()))
            .build();
    assertThat(validator.validateInPlace(impressions, NOW)).isSameAs(impressions);
  }

  @Test
  void whatNeedsAFixIsStillCopiedAndReported() {
    CustomEvent e =
        CustomEvent.builder("x")
            .attribute("n", Double.NaN)
            .attribute("ok", 1)
            .timestamp(NOW + 60 * 60_000L)
            .build();
    Event valid = validator.validateInPlace(e, NOW);
    assertThat(valid).isNotSameAs(e);
    assertThat(valid.customAttributes()).containsOnlyKeys("ok");
    assertThat(valid.customAttributes().get("ok")).isEqualTo(1);
    assertThat(valid.timestampMillis()).isEqualTo(NOW);
    assertThat(issues).hasSize(2);
  }

  @Test
  void anIdThatIsNotIdShapedIsDroppedForOneGeneratedAtSerialization() {
    CustomEvent e = CustomEvent.builder("x").sourceMessageId("not an id!").build();
    Event valid = validator.validateInPlace(e, NOW);
    assertThat(valid.sourceMessageId()).isNull();
    assertThat(Validator.needsId(valid)).isTrue();
    assertThat(issues)
        .singleElement()
        .extracting(ValidationIssue::key)
        .isEqualTo("source_message_id");
  }

  @Test
  void theCompletedEventIsWhatKitsAndValidateHaveAlwaysSeen() {
    CustomEvent e = w1Event();
    Event completed = Validator.completed(validator.validateInPlace(e, NOW), NOW, "id-9");
    assertThat(completed.timestampMillis()).isEqualTo(NOW);
    assertThat(completed.sourceMessageId()).isEqualTo("id-9");
    assertThat(completed.customAttributes())
        .containsExactly(
            Map.entry("sku", "SKU-7"),
            Map.entry("price", "22.99"),
            Map.entry("qty", "2"),
            Map.entry("category", "shoes"),
            Map.entry("campaign", "winter-sale"));

    Event viaValidate = validator.validate(e);
    assertThat(viaValidate.timestampMillis()).isEqualTo(NOW);
    assertThat(viaValidate.sourceMessageId()).hasSize(36);
    assertThat(viaValidate.customAttributes()).isEqualTo(completed.customAttributes());

    Event complete = completed.toBuilder().build();
    assertThat(Validator.completed(complete, 0, null)).isSameAs(complete);
  }
}
