package dev.spoke.springboot;

import dev.spoke.Spoke;
import dev.spoke.SpokeUser;
import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.event.Product;
import dev.spoke.event.ProductAction;
import dev.spoke.event.ProductActionType;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Two request paths that log events on behalf of the calling user, server style: one Spoke
 * instance, one user handle per request ({@link Spoke#user(String)}), each batch holding one user's
 * events.
 *
 * <p>The user is the request's authenticated principal when there is one (Spring Security or the
 * container set it), otherwise the {@code spoke.user-header} header ({@code X-User-Id}); trust that
 * header only behind a gateway that sets it. Tracking calls never block on the network and never
 * throw, so they cost the request microseconds.
 */
@RestController
public class TrackingController {
  private final Spoke spoke;
  private final String userHeader;

  public TrackingController(Spoke spoke, SpokeProperties properties) {
    this.spoke = spoke;
    this.userHeader = properties.getUserHeader();
  }

  /** {@code POST /search?q=…}: logs a search event. */
  @PostMapping("/search")
  public ResponseEntity<Map<String, Object>> search(
      @RequestParam(name = "q", required = false) String query, HttpServletRequest request) {
    String user = callingUser(request);
    if (user == null) return noUser();
    if (query == null || query.isBlank())
      return badRequest("query parameter 'q' is missing: POST /search?q=boots");
    spoke
        .user(user)
        .logEvent(
            CustomEvent.builder("Search")
                .customEventType(CustomEventType.SEARCH)
                .attribute("query", query)
                .attribute("path", request.getRequestURI())
                .build());
    return accepted(user, "Search");
  }

  /** The body of {@code POST /orders}. */
  public record OrderRequest(
      String orderId, String sku, String name, Double price, Integer quantity, String currency) {}

  /** {@code POST /orders} with an {@link OrderRequest} as JSON: logs a purchase. */
  @PostMapping("/orders")
  public ResponseEntity<Map<String, Object>> order(
      @RequestBody OrderRequest order, HttpServletRequest request) {
    String user = callingUser(request);
    if (user == null) return noUser();
    String problem = problem(order);
    if (problem != null) return badRequest(problem);
    int quantity = order.quantity() == null ? 1 : order.quantity();
    SpokeUser u = spoke.user(user);
    u.logEvent(
        CommerceEvent.productAction(
                ProductAction.builder(ProductActionType.PURCHASE)
                    .transactionId(order.orderId())
                    .totalAmount(order.price() * quantity)
                    .product(
                        Product.builder(order.sku(), order.name())
                            .price(order.price())
                            .quantity((double) quantity)
                            .build())
                    .build())
            .currencyCode(order.currency() == null ? "USD" : order.currency())
            .build());
    return accepted(user, "Purchase " + order.orderId());
  }

  private static String problem(OrderRequest o) {
    if (o == null)
      return "the body must be a JSON order: {\"orderId\":\"T-1\",\"sku\":\"sku-1\",\"name\":\"Boots\",\"price\":42.0}";
    if (o.orderId() == null || o.orderId().isBlank()) return "orderId is missing";
    if (o.sku() == null || o.sku().isBlank()) return "sku is missing";
    if (o.price() == null || !(o.price() >= 0)) return "price must be a number >= 0";
    if (o.quantity() != null && o.quantity() < 1) return "quantity must be at least 1";
    return null;
  }

  /** The authenticated principal's name, else the user header, else null. */
  private String callingUser(HttpServletRequest request) {
    Principal principal = request.getUserPrincipal();
    if (principal != null && principal.getName() != null && !principal.getName().isBlank())
      return principal.getName();
    String header = request.getHeader(userHeader);
    return header == null || header.isBlank() ? null : header.strip();
  }

  private ResponseEntity<Map<String, Object>> noUser() {
    return badRequest(
        "no calling user: authenticate, or name the user in the " + userHeader + " header");
  }

  private static ResponseEntity<Map<String, Object>> badRequest(String message) {
    return ResponseEntity.badRequest().body(Map.of("error", message));
  }

  private static ResponseEntity<Map<String, Object>> accepted(String user, String event) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("user", user);
    body.put("logged", event);
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
  }
}
