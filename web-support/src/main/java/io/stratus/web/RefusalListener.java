package io.stratus.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Told of every request a shared filter refuses, before the answer is written: the KM writes it to
 * its audit table, the Dispatcher to its log.
 */
@FunctionalInterface
public interface RefusalListener {
  void refused(HttpServletRequest request, int status, String why);
}
