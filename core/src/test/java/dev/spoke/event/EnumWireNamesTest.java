package dev.spoke.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EnumWireNamesTest {

  @Test
  void eventTypesMatchWire() {
    assertThat(
            Arrays.stream(EventType.values()).map(EventType::wireName).collect(Collectors.toList()))
        .containsExactly(
            "session_start",
            "session_end",
            "screen_view",
            "custom_event",
            "crash_report",
            "opt_out",
            "first_run",
            "application_state_transition",
            "push_registration",
            "push_message",
            "network_performance",
            "breadcrumb",
            "profile",
            "commerce_event",
            "user_attribute_change",
            "user_identity_change",
            "uninstall");
  }

  @Test
  void customEventTypes() {
    assertThat(
            Arrays.stream(CustomEventType.values())
                .map(t -> t.filterNumber() + ":" + t.wireName())
                .collect(Collectors.toList()))
        .containsExactly(
            "1:navigation",
            "2:location",
            "3:search",
            "4:transaction",
            "5:user_content",
            "6:user_preference",
            "7:social",
            "8:other",
            "9:media");
  }

  @Test
  void productActionTypesIncludingWishListSpelling() {
    assertThat(
            Arrays.stream(ProductActionType.values())
                .map(t -> t.filterNumber() + ":" + t.wireName())
                .collect(Collectors.toList()))
        .containsExactly(
            "10:add_to_cart",
            "11:remove_from_cart",
            "12:checkout",
            "13:checkout_option",
            "14:click",
            "15:view_detail",
            "16:purchase",
            "17:refund",
            "20:add_to_wishlist",
            "21:remove_from_wish_list");
    assertThat(PromotionActionType.VIEW.wireName()).isEqualTo("view");
    assertThat(PromotionActionType.VIEW.filterNumber()).isEqualTo(18);
    assertThat(PromotionActionType.CLICK.wireName()).isEqualTo("click");
    assertThat(PromotionActionType.CLICK.filterNumber()).isEqualTo(19);
    assertThat(CommerceEvent.IMPRESSION_FILTER_NUMBER).isEqualTo(22);
  }

  @Test
  void nestedEnums() {
    assertThat(
            Arrays.stream(ApplicationStateTransition.TransitionType.values())
                .map(ApplicationStateTransition.TransitionType::wireName)
                .collect(Collectors.toList()))
        .containsExactly(
            "application_initialized",
            "application_exit",
            "application_background",
            "application_foreground");
    assertThat(
            Arrays.stream(ProfileEvent.ProfileEventType.values())
                .map(ProfileEvent.ProfileEventType::wireName)
                .collect(Collectors.toList()))
        .containsExactly("signup", "login", "logout", "update", "delete");
  }
}
