package dev.spoke.user;

import java.time.Clock;
import java.util.Date;
import java.util.Locale;
import java.util.Objects;
import java.util.TimeZone;
import java.util.function.UnaryOperator;

/**
 * The device (here: the host running the JVM) sending data ({@code device_info}); see {@link
 * #detect(Clock)}.
 */
public final class DeviceInfo {
  /**
   * The default {@code device_info.platform}: the one value for a JVM host that the Events API's
   * OpenAPI description, its JSON Schema and its JSON reference all allow ({@code desktop} is only
   * in the OpenAPI description). docs/WIRE.md section 2.
   */
  public static final String DEFAULT_PLATFORM = "out_of_band";

  private final String platform;
  private final String osVersion;
  private final String deviceModel;
  private final String localeLanguage;
  private final String localeCountry;
  private final Integer timezoneOffsetHours;
  private final Boolean dst;
  private final String userAgent;

  private DeviceInfo(Builder b) {
    this.platform = b.platform;
    this.osVersion = b.osVersion;
    this.deviceModel = b.deviceModel;
    this.localeLanguage = b.localeLanguage;
    this.localeCountry = b.localeCountry;
    this.timezoneOffsetHours = b.timezoneOffsetHours;
    this.dst = b.dst;
    this.userAgent = b.userAgent;
  }

  /**
   * @return a builder (never throws)
   */
  public static Builder builder() {
    Builder b = new Builder();
    return b;
  }

  /**
   * Describes the running JVM's host: platform {@code out_of_band}, the OS name and version, the
   * CPU architecture as the model, the default locale, and the default time zone's standard offset
   * (whole hours) and daylight-saving state at the clock's instant. Never throws: what cannot be
   * read stays null.
   *
   * @param clock the clock whose instant the time zone offset is taken at; null means the system
   *     clock
   * @return the device info
   */
  public static DeviceInfo detect(Clock clock) {
    return detect(clock, Locale.getDefault(), TimeZone.getDefault(), DeviceInfo::systemProperty);
  }

  static DeviceInfo detect(
      Clock clock, Locale locale, TimeZone zone, UnaryOperator<String> properties) {
    Builder b = new Builder();
    String osName = properties.apply("os.name");
    String osVersion = properties.apply("os.version");
    if (osName != null && osVersion != null) {
      b.osVersion(osName + " " + osVersion);
    } else {
      b.osVersion(osName != null ? osName : osVersion);
    }
    b.deviceModel(properties.apply("os.arch"));
    if (locale != null) {
      b.localeLanguage(emptyToNull(locale.getLanguage()));
      b.localeCountry(emptyToNull(locale.getCountry()));
    }
    if (zone != null) {
      try {
        long now = (clock != null ? clock : Clock.systemUTC()).millis();
        // Whole hours of the standard (raw) offset, daylight saving reported apart in is_dst: the
        // published type of timezone_offset is an integer (docs: static/downloads/
        // mparticle.events.oas.yaml, DeviceInformation), and the Android SDK sends
        // getRawOffset() / 3600000 (android-core/.../internal/DeviceAttributes.java).
        b.timezoneOffsetHours(zone.getRawOffset() / 3_600_000);
        b.dst(zone.inDaylightTime(new Date(now)));
      } catch (RuntimeException ignored) {
        // A failing host clock leaves the offset unknown rather than failing start-up.
      }
    }
    return b.build();
  }

  private static String systemProperty(String name) {
    try {
      return emptyToNull(System.getProperty(name));
    } catch (RuntimeException denied) {
      // A security manager may deny reading properties; that field then stays unknown.
      return null;
    }
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /**
   * @return a builder holding this value's values
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * @return the platform (default {@code out_of_band}, the value every published description of
   *     {@code device_info.platform} allows for a host that is neither a phone, a browser nor a
   *     TV), or null if null was given
   */
  public String platform() {
    return platform;
  }

  /**
   * @return the operating system name and version, or null
   */
  public String osVersion() {
    return osVersion;
  }

  /**
   * @return the device model, or null
   */
  public String deviceModel() {
    return deviceModel;
  }

  /**
   * @return the locale's language code, or null
   */
  public String localeLanguage() {
    return localeLanguage;
  }

  /**
   * @return the locale's country code, or null
   */
  public String localeCountry() {
    return localeCountry;
  }

  /**
   * @return the time zone's standard offset from UTC in whole hours ({@code timezone_offset}), or
   *     null
   */
  public Integer timezoneOffsetHours() {
    return timezoneOffsetHours;
  }

  /**
   * @return whether daylight saving time is in effect, or null
   */
  public Boolean dst() {
    return dst;
  }

  /**
   * @return the HTTP user agent, or null
   */
  public String userAgent() {
    return userAgent;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof DeviceInfo)) {
      return false;
    }
    DeviceInfo that = (DeviceInfo) o;
    return Objects.equals(platform, that.platform)
        && Objects.equals(osVersion, that.osVersion)
        && Objects.equals(deviceModel, that.deviceModel)
        && Objects.equals(localeLanguage, that.localeLanguage)
        && Objects.equals(localeCountry, that.localeCountry)
        && Objects.equals(timezoneOffsetHours, that.timezoneOffsetHours)
        && Objects.equals(dst, that.dst)
        && Objects.equals(userAgent, that.userAgent);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        platform,
        osVersion,
        deviceModel,
        localeLanguage,
        localeCountry,
        timezoneOffsetHours,
        dst,
        userAgent);
  }

  @Override
  public String toString() {
    return "DeviceInfo["
        + "platform="
        + platform
        + ", osVersion="
        + osVersion
        + ", deviceModel="
        + deviceModel
        + ", localeLanguage="
        + localeLanguage
        + ", localeCountry="
        + localeCountry
        + ", timezoneOffsetHours="
        + timezoneOffsetHours
        + ", dst="
        + dst
        + ", userAgent="
        + userAgent
        + "]";
  }

  /** Builds a {@link DeviceInfo}; never throws, carrying whatever it is given. */
  public static final class Builder {
    private String platform = DEFAULT_PLATFORM;
    private String osVersion;
    private String deviceModel;
    private String localeLanguage;
    private String localeCountry;
    private Integer timezoneOffsetHours;
    private Boolean dst;
    private String userAgent;

    private Builder() {}

    private Builder(DeviceInfo v) {
      this.platform = v.platform;
      this.osVersion = v.osVersion;
      this.deviceModel = v.deviceModel;
      this.localeLanguage = v.localeLanguage;
      this.localeCountry = v.localeCountry;
      this.timezoneOffsetHours = v.timezoneOffsetHours;
      this.dst = v.dst;
      this.userAgent = v.userAgent;
    }

    /**
     * @param platform the platform, or null to leave it out. The Events API's published
     *     descriptions allow {@code iOS, Android, web, tvOS, roku, out_of_band, alexa, smart_tv,
     *     fire_tv, xbox} (its OpenAPI description also {@code desktop}); the default is {@code
     *     out_of_band}
     * @return this builder
     */
    public Builder platform(String platform) {
      this.platform = platform;
      return this;
    }

    /**
     * @param osVersion the operating system name and version, or null
     * @return this builder
     */
    public Builder osVersion(String osVersion) {
      this.osVersion = osVersion;
      return this;
    }

    /**
     * @param deviceModel the device model, or null
     * @return this builder
     */
    public Builder deviceModel(String deviceModel) {
      this.deviceModel = deviceModel;
      return this;
    }

    /**
     * @param localeLanguage the locale's language code, or null
     * @return this builder
     */
    public Builder localeLanguage(String localeLanguage) {
      this.localeLanguage = localeLanguage;
      return this;
    }

    /**
     * @param localeCountry the locale's country code, or null
     * @return this builder
     */
    public Builder localeCountry(String localeCountry) {
      this.localeCountry = localeCountry;
      return this;
    }

    /**
     * @param timezoneOffsetHours the time zone's standard offset from UTC in whole hours, or null;
     *     the wire type is an integer
     * @return this builder
     */
    public Builder timezoneOffsetHours(Integer timezoneOffsetHours) {
      this.timezoneOffsetHours = timezoneOffsetHours;
      return this;
    }

    /**
     * @param dst whether daylight saving time is in effect, or null
     * @return this builder
     */
    public Builder dst(Boolean dst) {
      this.dst = dst;
      return this;
    }

    /**
     * @param userAgent the HTTP user agent, or null
     * @return this builder
     */
    public Builder userAgent(String userAgent) {
      this.userAgent = userAgent;
      return this;
    }

    /**
     * @return the value
     */
    public DeviceInfo build() {
      return new DeviceInfo(this);
    }
  }
}
