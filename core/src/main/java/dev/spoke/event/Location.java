package dev.spoke.event;

import java.util.Objects;

/**
 * Where an event happened. Carries values as given (NaN or out of range too): validation comes
 * later.
 */
public final class Location {
  private final double latitude;
  private final double longitude;
  private final Double accuracy;

  private Location(Builder b) {
    this.latitude = b.latitude;
    this.longitude = b.longitude;
    this.accuracy = b.accuracy;
  }

  /**
   * @param latitude degrees
   * @param longitude degrees
   * @return a builder
   */
  public static Builder builder(double latitude, double longitude) {
    return new Builder(latitude, longitude);
  }

  /**
   * @param latitude degrees
   * @param longitude degrees
   * @return a location without accuracy
   */
  public static Location of(double latitude, double longitude) {
    return builder(latitude, longitude).build();
  }

  /**
   * @return a builder holding this location's values
   */
  public Builder toBuilder() {
    return new Builder(latitude, longitude).accuracy(accuracy);
  }

  /**
   * @return the latitude in degrees
   */
  public double latitude() {
    return latitude;
  }

  /**
   * @return the longitude in degrees
   */
  public double longitude() {
    return longitude;
  }

  /**
   * @return the accuracy in metres, or null
   */
  public Double accuracy() {
    return accuracy;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Location)) {
      return false;
    }
    Location that = (Location) o;
    return Double.compare(latitude, that.latitude) == 0
        && Double.compare(longitude, that.longitude) == 0
        && Objects.equals(accuracy, that.accuracy);
  }

  @Override
  public int hashCode() {
    return Objects.hash(latitude, longitude, accuracy);
  }

  @Override
  public String toString() {
    return "Location[latitude="
        + latitude
        + ", longitude="
        + longitude
        + ", accuracy="
        + accuracy
        + "]";
  }

  /** Builds a {@link Location}; never throws. */
  public static final class Builder {
    private double latitude;
    private double longitude;
    private Double accuracy;

    private Builder(double latitude, double longitude) {
      this.latitude = latitude;
      this.longitude = longitude;
    }

    /**
     * @param latitude degrees
     * @return this builder
     */
    public Builder latitude(double latitude) {
      this.latitude = latitude;
      return this;
    }

    /**
     * @param longitude degrees
     * @return this builder
     */
    public Builder longitude(double longitude) {
      this.longitude = longitude;
      return this;
    }

    /**
     * @param accuracy metres, or null
     * @return this builder
     */
    public Builder accuracy(Double accuracy) {
      this.accuracy = accuracy;
      return this;
    }

    /**
     * @return the location
     */
    public Location build() {
      return new Location(this);
    }
  }
}
