package dev.spoke.event;

import java.util.Objects;

/** The outcome of one network request ({@code network_performance}). */
public final class NetworkPerformance extends Event {
  private final String url;
  private final int responseCode;
  private final String httpVerb;
  private final Long timeElapsedMillis;
  private final Long bytesIn;
  private final Long bytesOut;

  private NetworkPerformance(Builder b) {
    super(EventType.NETWORK_PERFORMANCE, b);
    this.url = b.url;
    this.responseCode = b.responseCode;
    this.httpVerb = b.httpVerb;
    this.timeElapsedMillis = b.timeElapsedMillis;
    this.bytesIn = b.bytesIn;
    this.bytesOut = b.bytesOut;
  }

  /**
   * @param url the request URL, or null
   * @param responseCode the HTTP response code
   * @return a builder (never throws)
   */
  public static Builder builder(String url, int responseCode) {
    Builder b = new Builder();
    b.url(url);
    b.responseCode(responseCode);
    return b;
  }

  /**
   * @return a builder holding this event's values
   */
  @Override
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * @return the request URL, or null
   */
  public String url() {
    return url;
  }

  /**
   * @return the HTTP response code
   */
  public int responseCode() {
    return responseCode;
  }

  /**
   * @return the HTTP method, or null
   */
  public String httpVerb() {
    return httpVerb;
  }

  /**
   * @return the elapsed time in milliseconds, or null
   */
  public Long timeElapsedMillis() {
    return timeElapsedMillis;
  }

  /**
   * @return bytes received, or null
   */
  public Long bytesIn() {
    return bytesIn;
  }

  /**
   * @return bytes sent, or null
   */
  public Long bytesOut() {
    return bytesOut;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof NetworkPerformance)) {
      return false;
    }
    NetworkPerformance that = (NetworkPerformance) o;
    return commonEquals(that)
        && Objects.equals(url, that.url)
        && responseCode == that.responseCode
        && Objects.equals(httpVerb, that.httpVerb)
        && Objects.equals(timeElapsedMillis, that.timeElapsedMillis)
        && Objects.equals(bytesIn, that.bytesIn)
        && Objects.equals(bytesOut, that.bytesOut);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        commonHashCode(), url, responseCode, httpVerb, timeElapsedMillis, bytesIn, bytesOut);
  }

  @Override
  public String toString() {
    return "NetworkPerformance["
        + "url="
        + url
        + ", responseCode="
        + responseCode
        + ", httpVerb="
        + httpVerb
        + ", timeElapsedMillis="
        + timeElapsedMillis
        + ", bytesIn="
        + bytesIn
        + ", bytesOut="
        + bytesOut
        + commonToString()
        + "]";
  }

  /** Builds a {@link NetworkPerformance}; never throws, carrying whatever it is given. */
  public static final class Builder extends Event.Builder<Builder> {
    private String url;
    private int responseCode;
    private String httpVerb;
    private Long timeElapsedMillis;
    private Long bytesIn;
    private Long bytesOut;

    private Builder() {}

    private Builder(NetworkPerformance v) {
      super(v);
      this.url = v.url;
      this.responseCode = v.responseCode;
      this.httpVerb = v.httpVerb;
      this.timeElapsedMillis = v.timeElapsedMillis;
      this.bytesIn = v.bytesIn;
      this.bytesOut = v.bytesOut;
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * @param url the request URL, or null
     * @return this builder
     */
    public Builder url(String url) {
      this.url = url;
      return this;
    }

    /**
     * @param responseCode the HTTP response code
     * @return this builder
     */
    public Builder responseCode(int responseCode) {
      this.responseCode = responseCode;
      return this;
    }

    /**
     * @param httpVerb the HTTP method, or null
     * @return this builder
     */
    public Builder httpVerb(String httpVerb) {
      this.httpVerb = httpVerb;
      return this;
    }

    /**
     * @param timeElapsedMillis the elapsed time in milliseconds, or null
     * @return this builder
     */
    public Builder timeElapsedMillis(Long timeElapsedMillis) {
      this.timeElapsedMillis = timeElapsedMillis;
      return this;
    }

    /**
     * @param bytesIn bytes received, or null
     * @return this builder
     */
    public Builder bytesIn(Long bytesIn) {
      this.bytesIn = bytesIn;
      return this;
    }

    /**
     * @param bytesOut bytes sent, or null
     * @return this builder
     */
    public Builder bytesOut(Long bytesOut) {
      this.bytesOut = bytesOut;
      return this;
    }

    /**
     * @return the event
     */
    @Override
    public NetworkPerformance build() {
      return new NetworkPerformance(this);
    }
  }
}
