package io.stratus.api.auth;

import io.stratus.api.web.Details;
import io.stratus.common.keys.CustomerKeyException;
import io.stratus.web.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets through only requests signed with an active API key (see {@link RequestSignature}): the
 * three {@code x-esauth-*} headers present and well formed, the timestamp within the allowed skew
 * of the server's clock, the key known, active, unexpired and its user and customer active, the
 * signature right for this method, path, timestamp and User-Agent, and not seen before. Anything
 * else is a 401 with a message that says which check failed (never the expected signature). The
 * versions list and the OpenAPI document are public.
 */
public final class SignatureFilter extends OncePerRequestFilter {
  private static final Logger log = LoggerFactory.getLogger(SignatureFilter.class);
  private static final Pattern ACCESS_KEY = Pattern.compile("[A-Za-z0-9]{8,64}");
  private static final Pattern SIGNATURE = Pattern.compile("[A-Za-z0-9+/=]{1,128}");
  private static final Pattern DETAILS = Pattern.compile("(?i)\\s*(none|basic|extended)\\s*");
  private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,15}");

  private final ApiKeyStore keys;
  private final ReplayGuard replays;
  private final long skewMillis;
  private final Clock clock;
  private final Set<String> publicPaths;
  private final RateLimiter rates;

  public SignatureFilter(
      ApiKeyStore keys,
      ReplayGuard replays,
      RateLimiter rates,
      long skewMillis,
      Clock clock,
      Set<String> publicPaths) {
    this.rates = rates;
    this.keys = keys;
    this.replays = replays;
    this.skewMillis = skewMillis;
    this.clock = clock;
    this.publicPaths = Set.copyOf(publicPaths);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!acceptsJson(request.getHeader("Accept"))) {
      ErrorResponses.write(response, 406, "this API answers application/json only");
      return;
    }
    String details = request.getHeader(Details.HEADER);
    if (details != null && !DETAILS.matcher(details).matches()) {
      ErrorResponses.write(response, 400, Details.HEADER + " must be none, basic or extended");
      return;
    }
    if (publicPaths.contains(request.getRequestURI())) {
      chain.doFilter(request, response);
      return;
    }
    Result result;
    try {
      result = check(request);
    } catch (DataAccessException e) {
      log.warn("Cannot check a signature, the database is unavailable: {}", e.getMessage());
      ErrorResponses.write(response, 503, "the database is unavailable; try again");
      return;
    }
    if (result.refusal() != null) {
      log.info(
          "Refused {} {} from {}: {}",
          request.getMethod(),
          request.getRequestURI(),
          request.getRemoteAddr(),
          result.refusal());
      ErrorResponses.write(response, 401, result.refusal());
      return;
    }
    Principal principal = result.principal();
    long wait = rates.acquire(principal.apiKeyId(), System.nanoTime());
    if (wait > 0) {
      response.setHeader("Retry-After", Long.toString(wait));
      ErrorResponses.write(
          response, 429, "too many requests with this API key; retry after " + wait + "s");
      return;
    }
    request.setAttribute(Principal.ATTRIBUTE, principal);
    request.setAttribute(Principal.GRANTS, result.grants());
    chain.doFilter(request, response);
  }

  private record Result(Principal principal, ApiKeyStore.Grants grants, String refusal) {
    static Result refused(String why) {
      return new Result(null, null, why);
    }
  }

  private Result check(HttpServletRequest request) {
    String access = request.getHeader(RequestSignature.ACCESS_HEADER);
    String timestampText = request.getHeader(RequestSignature.TIMESTAMP_HEADER);
    String signature = request.getHeader(RequestSignature.SIGNATURE_HEADER);
    if (access == null || timestampText == null || signature == null) {
      return Result.refused(
          "the request is not signed: it needs the headers x-esauth-access, x-esauth-timestamp"
              + " and x-esauth-signature");
    }
    if (!ACCESS_KEY.matcher(access).matches()) {
      return Result.refused("x-esauth-access is not an access key");
    }
    if (!TIMESTAMP.matcher(timestampText).matches()) {
      return Result.refused("x-esauth-timestamp must be the time in epoch milliseconds");
    }
    if (!SIGNATURE.matcher(signature).matches()) {
      return Result.refused("x-esauth-signature is not a Base64 signature");
    }
    long timestamp = Long.parseLong(timestampText);
    long now = clock.millis();
    if (Math.abs(now - timestamp) > skewMillis) {
      return Result.refused(
          "x-esauth-timestamp is more than "
              + (skewMillis / 1000)
              + " seconds from the server's clock (server time "
              + now
              + ")");
    }
    Optional<ApiKeyStore.KeyRecord> found = keys.find(access);
    if (found.isEmpty()) {
      return Result.refused("unknown access key");
    }
    ApiKeyStore.KeyRecord key = found.get();
    Optional<String> unusable = key.refusal(clock.instant());
    if (unusable.isPresent()) {
      return Result.refused(unusable.get());
    }
    String secret;
    try {
      secret = keys.secret(key);
    } catch (CustomerKeyException e) {
      log.error("API key {} cannot be opened: {}", access, e.getMessage());
      return Result.refused("the API key cannot be used");
    }
    String expected =
        RequestSignature.sign(
            secret,
            access,
            request.getMethod(),
            request.getRequestURI(),
            timestamp,
            request.getHeader("User-Agent"));
    if (!RequestSignature.matches(expected, signature)) {
      return Result.refused(
          "the signature does not match: sign ACCESS_KEY:METHOD:PATH:TIMESTAMP:USER_AGENT with"
              + " the secret key (PATH without the query string, USER_AGENT as sent)");
    }
    if (!replays.firstSeen(signature, timestamp, now)) {
      return Result.refused("this signed request was already received (a replay)");
    }
    return new Result(
        new Principal(key.customerId(), key.userId(), key.id(), access), key.grants(), null);
  }

  static boolean acceptsJson(String accept) {
    if (accept == null || accept.isBlank()) {
      return true;
    }
    for (String part : accept.split(",")) {
      String type = part.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
      if (type.equals("application/json")
          || type.equals("*/*")
          || type.equals("application/*")
          || type.isEmpty()) {
        return true;
      }
    }
    return false;
  }
}
