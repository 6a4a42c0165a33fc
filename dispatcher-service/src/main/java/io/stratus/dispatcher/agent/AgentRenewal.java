package io.stratus.dispatcher.agent;

/** A trusted agent's request for a new certificate, made with its current one. */
public record AgentRenewal(String csr, String version, String address, Integer port) {}
