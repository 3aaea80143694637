package dev.spoke.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.WithNull;

class EventBuilderPropertiesTest {

  @Property(tries = 200)
  void anyNameAndAttributesAreCarriedAsGiven(
      @ForAll @WithNull(0.2) String name,
      @ForAll Map<@WithNull(0.1) String, @WithNull(0.1) String> attributes,
      @ForAll double latitude,
      @ForAll long timestamp) {
    CustomEvent e =
        CustomEvent.builder(name)
            .attributes(attributes)
            .location(Location.of(latitude, latitude))
            .timestamp(timestamp)
            .build();
    assertThat(e.name()).isEqualTo(name);
    assertThat(e.customAttributes()).isEqualTo(attributes);
    assertThat(e.timestampMillis()).isEqualTo(timestamp);
    assertThat(e.toBuilder().build()).isEqualTo(e);
    assertThat(e.toString()).isNotNull();
  }
}
