package io.stratus.agent.identity;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the user data is read: a metadata URL (with the header {@code X-VM-Token} when the VM has a
 * token) or a file.
 */
public final class UserDataSource {
  private static final int MAX_BYTES = 64 * 1024;

  private final URI url;
  private final Path file;
  private final String vmToken;

  /** {@code url} or {@code file} (one of them, or neither); {@code vmToken} may be null. */
  public UserDataSource(URI url, Path file, String vmToken) {
    this.url = url;
    this.file = file;
    this.vmToken = vmToken == null || vmToken.isBlank() ? null : vmToken.strip();
  }

  public boolean isConfigured() {
    return url != null || file != null;
  }

  public String describe() {
    return url != null ? url.toString() : file != null ? file.toString() : "(none)";
  }

  /**
   * Reads the user data text.
   *
   * @throws IOException when it cannot be read now (worth trying again later)
   */
  public String read() throws IOException {
    if (file != null) {
      return Files.readString(file, StandardCharsets.UTF_8);
    }
    if (url == null) {
      throw new IOException(
          "no user data source: set user-data.url or user-data.file (or STRATUS_METADATA_URL)");
    }
    HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
    connection.setConnectTimeout(3000);
    connection.setReadTimeout(5000);
    connection.setUseCaches(false);
    if (vmToken != null) {
      connection.setRequestProperty("X-VM-Token", vmToken);
    }
    try {
      int status = connection.getResponseCode();
      if (status != 200) {
        throw new IOException("the metadata service answered HTTP " + status + " for " + url);
      }
      try (InputStream in = connection.getInputStream()) {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
          throw new IOException("the user data at " + url + " is over " + MAX_BYTES + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
      }
    } finally {
      connection.disconnect();
    }
  }
}
