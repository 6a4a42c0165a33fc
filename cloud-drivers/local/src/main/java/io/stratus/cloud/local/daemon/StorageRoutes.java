package io.stratus.cloud.local.daemon;

import java.util.List;
import java.util.Map;

/** The image, volume and snapshot endpoints. */
final class StorageRoutes {
  private final StorageService storage;

  private static final String ID = ApiRoutes.ID;
  private static final String REGION = ApiRoutes.REGION;

  private final Guard guard;

  StorageRoutes(StorageService storage, Guard guard) {
    this.storage = storage;
    this.guard = guard;
  }

  void registerStorage(ApiServer api) {
    api.route(
        "GET",
        REGION + "/images",
        200,
        (p, q, b) -> {
          guard.check(p);
          return Bodies.items(storage.images(p.get(0)).stream().map(Views::image).toList());
        });
    api.route(
        "GET",
        REGION + "/images/" + ID,
        200,
        (p, q, b) -> {
          guard.check(p);
          return Views.image(storage.image(p.get(0), p.get(1)));
        });
    api.route(
        "POST",
        REGION + "/images",
        201,
        (p, q, b) -> {
          guard.check(p);
          return Views.image(
              storage.capture(p.get(0), Bodies.required(b, "vmId"), Bodies.text(b, "name")));
        });
    api.route(
        "DELETE",
        REGION + "/images/" + ID,
        204,
        (p, q, b) -> {
          guard.check(p);
          storage.removeImage(p.get(0), p.get(1));
          return null;
        });
    api.route(
        "GET",
        REGION + "/volume-products",
        200,
        (p, q, b) -> {
          guard.check(p);
          return Bodies.items(
              List.of(
                  Map.of(
                      "id",
                      "standard",
                      "name",
                      "Standard (sparse file)",
                      "minSizeGb",
                      Catalogue.MIN_VOLUME_GB,
                      "maxSizeGb",
                      Catalogue.MAX_VOLUME_GB)));
        });
    api.route(
        "GET",
        REGION + "/volumes",
        200,
        (p, q, b) -> {
          guard.check(p);
          return Bodies.items(storage.volumes(p.get(0)).stream().map(Views::volume).toList());
        });
    api.route(
        "GET",
        REGION + "/volumes/" + ID,
        200,
        (p, q, b) -> {
          guard.check(p);
          return Views.volume(storage.volume(p.get(0), p.get(1)));
        });
    api.route(
        "POST",
        REGION + "/volumes",
        201,
        (p, q, b) -> {
          guard.check(p);
          return Views.volume(
              storage.createVolume(
                  p.get(0),
                  Bodies.text(b, "name"),
                  Bodies.integer(b, "sizeGb"),
                  Bodies.text(b, "dataCenterId")));
        });
    api.route(
        "POST",
        REGION + "/volumes/" + ID + "/attach",
        200,
        (p, q, b) -> {
          guard.check(p);
          storage.attach(
              p.get(0), p.get(1), Bodies.required(b, "vmId"), Bodies.required(b, "device"));
          return Views.volume(storage.volume(p.get(0), p.get(1)));
        });
    api.route(
        "POST",
        REGION + "/volumes/" + ID + "/detach",
        200,
        (p, q, b) -> {
          guard.check(p);
          storage.detach(p.get(0), p.get(1));
          return Views.volume(storage.volume(p.get(0), p.get(1)));
        });
    api.route(
        "DELETE",
        REGION + "/volumes/" + ID,
        204,
        (p, q, b) -> {
          guard.check(p);
          storage.removeVolume(p.get(0), p.get(1));
          return null;
        });
    api.route(
        "GET",
        REGION + "/snapshots",
        200,
        (p, q, b) -> {
          guard.check(p);
          return Bodies.items(storage.snapshots(p.get(0)).stream().map(Views::snapshot).toList());
        });
    api.route(
        "GET",
        REGION + "/snapshots/" + ID,
        200,
        (p, q, b) -> {
          guard.check(p);
          return Views.snapshot(storage.snapshot(p.get(0), p.get(1)));
        });
    api.route(
        "POST",
        REGION + "/snapshots",
        201,
        (p, q, b) -> {
          guard.check(p);
          return Views.snapshot(
              storage.createSnapshot(
                  p.get(0), Bodies.required(b, "volumeId"), Bodies.text(b, "name")));
        });
    api.route(
        "DELETE",
        REGION + "/snapshots/" + ID,
        204,
        (p, q, b) -> {
          guard.check(p);
          storage.removeSnapshot(p.get(0), p.get(1));
          return null;
        });
  }
}
