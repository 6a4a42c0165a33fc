package io.stratus.cloud.local.daemon;

/** The address and firewall endpoints. */
final class NetworkRoutes {
  private final NetworkService network;

  private static final String ID = ApiRoutes.ID;
  private static final String REGION = ApiRoutes.REGION;

  private final Guard guard;

  NetworkRoutes(NetworkService network, Guard guard) {
    this.network = network;
    this.guard = guard;
  }

  void registerNetwork(ApiServer api) {
    api.route(
        "GET",
        REGION + "/ips",
        200,
        (p, q, b) -> {
          guard.check(p);
          return Bodies.items(network.ips(p.get(0)).stream().map(Views::ip).toList());
        });
    api.route(
        "GET",
        REGION + "/ips/" + ID,
        200,
        (p, q, b) -> {
          guard.check(p);
          return Views.ip(network.ip(p.get(0), p.get(1)));
        });
    api.route(
        "POST",
        REGION + "/ips",
        201,
        (p, q, b) -> {
          guard.check(p);
          return Views.ip(network.requestIp(p.get(0)));
        });
    api.route(
        "POST",
        REGION + "/ips/" + ID + "/assign",
        200,
        (p, q, b) -> {
          guard.check(p);
          network.assign(p.get(0), p.get(1), Bodies.required(b, "vmId"));
          return Views.ip(network.ip(p.get(0), p.get(1)));
        });
    api.route(
        "POST",
        REGION + "/ips/" + ID + "/unassign",
        200,
        (p, q, b) -> {
          guard.check(p);
          network.unassign(p.get(0), p.get(1));
          return Views.ip(network.ip(p.get(0), p.get(1)));
        });
    api.route(
        "DELETE",
        REGION + "/ips/" + ID,
        204,
        (p, q, b) -> {
          guard.check(p);
          network.release(p.get(0), p.get(1));
          return null;
        });
    api.route(
        "GET",
        REGION + "/firewalls",
        200,
        (p, q, b) -> {
          guard.check(p);
          return Bodies.items(network.firewalls(p.get(0)).stream().map(Views::firewall).toList());
        });
    api.route(
        "GET",
        REGION + "/firewalls/" + ID,
        200,
        (p, q, b) -> {
          guard.check(p);
          return Views.firewall(network.firewall(p.get(0), p.get(1)));
        });
    api.route(
        "POST",
        REGION + "/firewalls",
        201,
        (p, q, b) -> {
          guard.check(p);
          return Views.firewall(
              network.createFirewall(
                  p.get(0), Bodies.text(b, "name"), Bodies.text(b, "description")));
        });
    api.route(
        "DELETE",
        REGION + "/firewalls/" + ID,
        204,
        (p, q, b) -> {
          guard.check(p);
          network.removeFirewall(p.get(0), p.get(1));
          return null;
        });
    api.route(
        "GET",
        REGION + "/firewall-rules",
        200,
        (p, q, b) -> {
          guard.check(p);
          return Bodies.items(
              network.firewalls(p.get(0)).stream()
                  .flatMap(f -> f.rules.stream().map(r -> Views.rule(f.id, r)))
                  .toList());
        });
    api.route(
        "GET",
        REGION + "/firewalls/" + ID + "/rules",
        200,
        (p, q, b) -> {
          guard.check(p);
          Records.Firewall firewall = network.firewall(p.get(0), p.get(1));
          return Bodies.items(
              firewall.rules.stream().map(r -> Views.rule(firewall.id, r)).toList());
        });
    api.route(
        "POST",
        REGION + "/firewalls/" + ID + "/rules",
        201,
        (p, q, b) -> {
          guard.check(p);
          return Views.rule(
              p.get(1),
              network.authorize(
                  p.get(0),
                  p.get(1),
                  Bodies.text(b, "direction"),
                  Bodies.text(b, "protocol"),
                  Bodies.integer(b, "fromPort"),
                  Bodies.integer(b, "toPort"),
                  Bodies.text(b, "cidr")));
        });
    api.route(
        "DELETE",
        REGION + "/firewalls/" + ID + "/rules/" + ID,
        204,
        (p, q, b) -> {
          guard.check(p);
          network.revoke(p.get(0), p.get(1), p.get(2));
          return null;
        });
  }
}
