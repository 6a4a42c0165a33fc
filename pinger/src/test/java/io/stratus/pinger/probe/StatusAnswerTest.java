package io.stratus.pinger.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StatusAnswerTest {
  private static StatusAnswer answer(String... pieces) throws IOException {
    StatusAnswer answer = new StatusAnswer();
    for (String piece : pieces) {
      answer.append(ByteBuffer.wrap(piece.getBytes(StandardCharsets.ISO_8859_1)));
    }
    return answer;
  }

  @Test
  void shouldWaitForTheWholeBodyOfAGivenLengthAndThenAllowTheNextRequest() throws IOException {
    StatusAnswer partial = answer("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n{\"st");
    assertTrue(partial.hasHead());
    assertFalse(partial.complete());

    StatusAnswer whole =
        answer("HTTP/1.1 200 OK\r\nContent-", "Length: 11\r\n\r\n{\"st", "ate\":1}");
    assertTrue(whole.complete());
    assertEquals(200, whole.status());
    assertTrue(whole.connectionReusable());
  }

  @Test
  void shouldFindTheEndOfAChunkedBody() throws IOException {
    String head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
    assertFalse(answer(head, "5\r\n{\"a\":\r\n").complete());
    assertFalse(answer(head, "5\r\n{\"a\":\r\n2\r\n1}\r\n0\r\n").complete());

    StatusAnswer whole = answer(head, "5\r\n{\"a\":\r\n2\r\n1}\r\n0\r\n\r\n");
    assertTrue(whole.complete());
    assertTrue(whole.connectionReusable());
  }

  @Test
  void shouldNotReuseAConnectionTheAgentCloses() throws IOException {
    assertFalse(
        answer("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}")
            .connectionReusable());
    assertFalse(answer("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n{}").connectionReusable());
    StatusAnswer noLength = answer("HTTP/1.1 200 OK\r\n\r\n{");
    assertTrue(noLength.complete(), "the head is all a probe needs");
    assertFalse(noLength.connectionReusable());
  }

  @Test
  void shouldNotReuseAConnectionWithBytesAfterTheAnswer() throws IOException {
    assertFalse(
        answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}HTTP/1.1").connectionReusable());
  }

  @Test
  void shouldReadTheStatusOfAnError() throws IOException {
    assertEquals(503, answer("HTTP/1.1 503 Busy\r\nContent-Length: 0\r\n\r\n").status());
  }

  @Test
  void shouldRefuseWhatIsNotHttp() {
    assertThrows(IOException.class, () -> answer("SSH-2.0-OpenSSH_9.2\r\n\r\n"));
  }

  @Test
  void shouldRefuseAnAnswerTooLargeForAStatus() throws IOException {
    StatusAnswer answer = answer("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n");
    byte[] chunk = new byte[16 * 1024];
    assertThrows(
        IOException.class,
        () -> {
          for (int i = 0; i < 5; i++) {
            answer.append(ByteBuffer.wrap(chunk));
          }
        });
  }
}
