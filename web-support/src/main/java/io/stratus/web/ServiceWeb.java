package io.stratus.web;

import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * What a JSON service tells {@link ServiceWebConfiguration}, as one bean of its wiring root.
 *
 * @param maxBodyBytes request bodies over this are refused with 413
 * @param json how bodies are read and written ({@link ServiceJson})
 * @param refusals told of every request the body limit refuses
 */
public record ServiceWeb(long maxBodyBytes, JsonMapper json, RefusalListener refusals) {}
