package io.stratus.dispatcher.action;

/**
 * What an accepted action answers (202): the job to follow and the resource it is about (for a
 * launch or a create, the new row, visible at once in state pending).
 */
public record JobTicket(long jobId, String resourceType, long resourceId) {}
