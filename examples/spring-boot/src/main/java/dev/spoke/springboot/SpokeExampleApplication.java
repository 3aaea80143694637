package dev.spoke.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot web app that tracks its users' actions with Spoke: {@link SpokeConfiguration} makes
 * Spoke a managed bean with metrics and health, {@link TrackingController} logs events on behalf of
 * the calling user. Configure it with {@code spoke.*} properties and the {@code SPOKE_SECRET}
 * environment variable; examples/README.md shows how to run it against the local platform.
 */
@SpringBootApplication
public class SpokeExampleApplication {
  public static void main(String[] args) {
    SpringApplication.run(SpokeExampleApplication.class, args);
  }
}
