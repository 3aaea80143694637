package dev.spoke.bench;

/**
 * W1-mixed's content, defined once so both SDKs send the same thing (bench/README.md): a news and
 * commerce app. Of every ten events six are custom events "Article Read" (string, int, double and
 * boolean attributes), three are screen views and one is a purchase of two to four products.
 * Segment sends the custom events as {@code track}, the screen views as {@code screen} and the
 * purchase as {@code track} "Order Completed" with a {@code products} list, as its e-commerce spec
 * names it. JDK only: both children load it.
 */
public final class Mixed {
  /** What event {@code i} of the workload is. */
  public enum Kind {
    CUSTOM,
    SCREEN,
    PURCHASE
  }

  private static final String[] SECTIONS = {
    "world", "sports", "business", "tech", "culture", "opinion"
  };
  private static final String[] SCREENS = {"Home", "Article", "Section", "Search"};
  private static final String[] BRANDS = {"Acme", "Globex", "Initech", "Umbrella"};

  private Mixed() {}

  public static Kind kind(int i) {
    int k = i % 10;
    return k < 6 ? Kind.CUSTOM : k < 9 ? Kind.SCREEN : Kind.PURCHASE;
  }

  // Custom event "Article Read".
  public static final String CUSTOM_NAME = "Article Read";

  public static String articleId(int i) {
    return "A-" + (i % 5000);
  }

  public static String section(int i) {
    return SECTIONS[i % SECTIONS.length];
  }

  public static int wordCount(int i) {
    return 300 + i % 1700;
  }

  public static double readRatio(int i) {
    return (i % 100) / 100.0;
  }

  public static boolean premium(int i) {
    return i % 3 == 0;
  }

  public static int position(int i) {
    return i % 20;
  }

  // Screen view.
  public static String screenName(int i) {
    return SCREENS[i % SCREENS.length];
  }

  public static String referrer(int i) {
    return (i & 1) == 0 ? "push" : "home";
  }

  public static int scrollDepth(int i) {
    return i % 101;
  }

  // Purchase: two to four products.
  public static final String ORDER_COMPLETED = "Order Completed";
  public static final String CURRENCY = "USD";

  public static int products(int i) {
    return 2 + i % 3;
  }

  public static String orderId(int i) {
    return "T-" + i;
  }

  public static String productSku(int i, int j) {
    return "SKU-" + ((i + j * 7) % 1000);
  }

  public static String productName(int i, int j) {
    return "Product " + ((i + j * 7) % 1000);
  }

  public static String productBrand(int i, int j) {
    return BRANDS[(i + j) % BRANDS.length];
  }

  public static String productCategory(int j) {
    return j == 0 ? "shoes" : "accessories";
  }

  public static double productPrice(int i, int j) {
    return 9.99 + (i + j) % 40;
  }

  public static int productQuantity(int j) {
    return 1 + j % 2;
  }

  /** The order total: the sum of price times quantity over the products. */
  public static double revenue(int i) {
    double r = 0;
    for (int j = 0; j < products(i); j++) {
      r += productPrice(i, j) * productQuantity(j);
    }
    return Math.round(r * 100) / 100.0;
  }

  public static double tax(int i) {
    return Math.round(revenue(i) * 8) / 100.0;
  }
}
