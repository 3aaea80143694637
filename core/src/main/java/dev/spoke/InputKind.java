package dev.spoke;

/** How a workspace's input is registered on the platform. */
public enum InputKind {
  /** A platform (SDK) input. */
  PLATFORM,
  /** A custom feed input. */
  CUSTOM_FEED
}
