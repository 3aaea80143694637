package dev.spoke;

/** The environment a batch belongs to; development data is kept apart from production data. */
public enum Environment {
  /** Development data. */
  DEVELOPMENT("development", 1),
  /** Production data. */
  PRODUCTION("production", 2);

  private final String wireName;
  private final int configHeaderValue;

  Environment(String wireName, int configHeaderValue) {
    this.wireName = wireName;
    this.configHeaderValue = configHeaderValue;
  }

  /**
   * @return the batch {@code environment} value: {@code "development"} or {@code "production"}
   */
  public String wireName() {
    return wireName;
  }

  /**
   * @return the {@code x-mp-env} header value of the kit configuration request: 1 dev, 2 prod
   */
  public int configHeaderValue() {
    return configHeaderValue;
  }
}
