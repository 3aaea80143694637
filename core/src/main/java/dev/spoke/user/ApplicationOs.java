package dev.spoke.user;

/** The {@code application_info.os} values. */
public enum ApplicationOs {
  UNKNOWN("Unknown"),
  IOS("IOS"),
  ANDROID("Android"),
  WINDOWS_PHONE("WindowsPhone"),
  MOBILE_WEB("MobileWeb"),
  UNITY_IOS("UnityIOS"),
  UNITY_ANDROID("UnityAndroid"),
  DESKTOP("Desktop"),
  TVOS("TVOS"),
  ROKU("Roku"),
  OUT_OF_BAND("OutOfBand"),
  ALEXA("Alexa"),
  SMART_TV("SmartTV"),
  FIRE_TV("FireTV"),
  XBOX("Xbox");

  private final String wireName;

  ApplicationOs(String wireName) {
    this.wireName = wireName;
  }

  /**
   * @return the value on the wire, e.g. {@code "Desktop"}
   */
  public String wireName() {
    return wireName;
  }
}
